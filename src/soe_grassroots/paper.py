"""The classroom experiment on paper (``experiment-students``): its score grid and what that grid implies.

A room without devices plays the pricing game from a printed score table, so the markups are a finite grid and
the game the class plays is a *discretised* game: a symmetric two-player game whose strategies are the grid's
markups and whose payoffs are the model's (`soe_grassroots.model.evaluate`). `GRID` is chosen so that this finite
game keeps the predictions of the continuous one:

- iterated elimination of strictly dominated strategies leaves only the Nash markup ``a / (3 y)``, so the Nash
  markup pair is the game's unique Nash equilibrium, pure or mixed (`dominance_survivors`, `pure_equilibria`);
- every markup of the partner has exactly one best reply on the grid (no ties), so a follower's choice is never a
  coin toss and each Stackelberg outcome on the grid is unique and equal to the continuous one (`stackelberg`);
- the cooperative markups ``a / (4 y)`` each are on the grid.

Payoffs are ``E_i = T y (u - m_i - m_j) m_i`` with ``u = a / y``, so with markups written as shares of ``u`` every
payoff is ``T a**2 / y`` times a number that does not depend on the parameters (`unit_scores`). The properties
above are therefore proved once, in exact fractions, and hold for every `Params`; ``tests/test_paper.py`` checks
them, the float tables against the exact ones, and the printed (rounded) table against both.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from .model import evaluate
from .params import Params
from .regimes import MARKUPS, REGIMES, solve

GRID = tuple(Fraction(k, 24) for k in (3, 5, 6, 7, 8, 12, 15, 18))
"""The score table's markups, as shares of ``a / y`` (for the book's EXAMPLE, ``a / y = 8``: 1, 1⅔, 2, 2⅓, 2⅔, 4,
5 and 6). They hold the Nash (1/3), cooperative (1/4) and both Stackelberg (1/2 and 1/4) shares of `MARKUPS`."""

_VULGAR = {Fraction(1, 2): "½", Fraction(1, 3): "⅓", Fraction(2, 3): "⅔", Fraction(1, 4): "¼",
           Fraction(3, 4): "¾", Fraction(1, 6): "⅙", Fraction(5, 6): "⅚"}


def unit_scores(grid: Sequence[Fraction] = GRID) -> list[list[Fraction]]:
    """Exact payoffs of the grid game in units of ``T a**2 / y``: row = my share, column = partner's share.

    ``(1 - s_i - s_j) s_i`` where the shares sum below one, zero beyond (no one is served at or above the choke
    price).

    Examples
    --------
    >>> unit_scores([Fraction(1, 3), Fraction(1, 4)])[0]
    [Fraction(1, 9), Fraction(5, 36)]
    """
    return [[max(1 - s - t, Fraction(0)) * s for t in grid] for s in grid]


def markups(params: Params, grid: Sequence[Fraction] = GRID) -> np.ndarray:
    """The grid's markups for ``params``: each share times ``a / y``.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> markups(EXAMPLE)[[2, 4, 5]]
    array([2.        , 2.66666667, 4.        ])
    """
    _scalar(params)
    return np.array([float(s) for s in grid]) * params.a / params.y


def scores(params: Params, grid: Sequence[Fraction] = GRID) -> np.ndarray:
    """The score table: ``scores[i, j]`` is my payoff when I charge ``markups[i]`` and my partner ``markups[j]``.

    The game is symmetric, so the one table serves the SOE and the grassroots organization alike.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> round(float(scores(EXAMPLE)[4, 4]), 4)  # both at the Nash markup 8/3
    21.3333
    """
    m = markups(params, grid)
    return np.asarray(evaluate(params, m[:, None], m[None, :]).E_M, float)


def served(params: Params, grid: Sequence[Fraction] = GRID) -> np.ndarray:
    """Households served (the quantity ``Q``) for each pair of grid markups; symmetric."""
    m = markups(params, grid)
    return np.asarray(evaluate(params, m[:, None], m[None, :]).Q, float)


def best_replies(payoffs) -> list[list[int]]:
    """For each column (the partner's markup), the rows (my markups) that maximise my payoff.

    Works on exact fractions (`unit_scores`) or on floats (ties within 1e-9 of the scale count as ties).

    Examples
    --------
    >>> best_replies([[1, 2], [3, 2]])
    [[1], [0, 1]]
    """
    rows = [list(r) for r in payoffs]
    tol = 1e-9 * max(abs(v) for r in rows for v in r) if not isinstance(rows[0][0], Fraction) else 0
    replies = []
    for j in range(len(rows[0])):
        column = [r[j] for r in rows]
        best = max(column)
        replies.append([i for i, v in enumerate(column) if best - v <= tol])
    return replies


def pure_equilibria(payoffs) -> list[tuple[int, int]]:
    """Pure Nash equilibria ``(i, j)`` of the symmetric game: each player's markup is a best reply to the other's.

    Examples
    --------
    >>> pure_equilibria(unit_scores())  # the Nash share 1/3 is GRID[4]
    [(4, 4)]
    """
    br = best_replies(payoffs)
    n = len(br)
    return [(i, j) for i in range(n) for j in range(n) if i in br[j] and j in br[i]]


def dominance_survivors(payoffs) -> list[int]:
    """The strategies left by iterated elimination of strictly dominated strategies (by pure strategies).

    The game is symmetric, so both players keep the same set. If one strategy survives, the pair it forms is the
    game's only Nash equilibrium, pure or mixed.

    Examples
    --------
    >>> dominance_survivors(unit_scores())
    [4]
    """
    rows = [list(r) for r in payoffs]
    alive = list(range(len(rows)))
    while True:
        dominated = [i for i in alive
                     if any(all(rows[k][j] > rows[i][j] for j in alive) for k in alive if k != i)]
        if not dominated:
            return alive
        alive = [i for i in alive if i not in dominated]


def stackelberg(payoffs) -> tuple[int, int]:
    """The leader's and the follower's grid markups (indices) when the leader moves first and is seen.

    The follower plays its best reply; the leader picks the markup whose reply pays it most.

    Raises
    ------
    ValueError
        If some markup of the leader has two best replies, or two markups are best for the leader: then the
        outcome depends on a tie-break and the grid does not predict one.

    Examples
    --------
    >>> stackelberg(unit_scores())  # shares 1/2 and 1/4
    (5, 2)
    """
    br = best_replies(payoffs)
    if any(len(r) > 1 for r in br):
        raise ValueError("payoffs must give every leader markup a single best reply (found a tie)")
    value = [payoffs[i][br[i][0]] for i in range(len(br))]
    best = [i for i, v in enumerate(value) if v == max(value)]
    if len(best) > 1:
        raise ValueError(f"payoffs must give the leader a single best markup (found rows {best})")
    return best[0], br[best[0]][0]


def cooperation_breach(payoffs, cooperate: int, nash: int):
    """Grim trigger on the grid: the least discount factor at which both keep to ``cooperate``.

    A partner who breaches gains its best reply's payoff once and the Nash payoff for ever after, so keeping the
    agreement pays when ``delta >= (D - C) / (D - N)`` (the one-shot deviation principle; the punishment is the
    stage game's Nash equilibrium).

    Examples
    --------
    >>> cooperation_breach(unit_scores(), cooperate=2, nash=4)
    Fraction(1, 2)
    """
    C, N = payoffs[cooperate][cooperate], payoffs[nash][nash]
    D = max(payoffs[i][cooperate] for i in range(len(payoffs)))
    return (D - C) / (D - N)


def regime_markups(grid: Sequence[Fraction] = GRID) -> dict[str, tuple[int, int]]:
    """Each regime's markups ``(M, R)`` as grid indices (the cooperative pair is the equal split).

    Raises
    ------
    ValueError
        If a regime's share is not on ``grid``.

    Examples
    --------
    >>> regime_markups()["soe_leads"]
    (5, 2)
    """
    out = {}
    for regime in REGIMES:
        missing = [s for s in MARKUPS[regime] if s not in grid]
        if missing:
            raise ValueError(f"grid must hold the {regime} share {missing[0]}")
        c_M, c_R = MARKUPS[regime]
        out[regime] = (list(grid).index(c_M), list(grid).index(c_R))
    return out


def label(value: float) -> str:
    """A markup as printed on the sheets: ``2⅔`` for 8/3, ``4`` for 4.0, two decimals otherwise.

    Examples
    --------
    >>> label(8 / 3), label(4.0), label(5 / 3), label(1 / 3), label(2.71828)
    ('2⅔', '4', '1⅔', '⅓', '2.72')
    """
    f = Fraction(value).limit_denominator(6)
    if abs(float(f) - value) > 1e-9:
        return f"{value:.2f}"
    whole, part = divmod(f, 1)
    if part == 0:
        return str(whole)
    return ("" if whole == 0 else str(whole)) + _VULGAR[part]


def score_table(params: Params, grid: Sequence[Fraction] = GRID) -> str:
    """The printed score table, in Markdown: my markup by row, my partner's by column, my score in the cell.

    Scores are rounded to one decimal; ``tests/test_paper.py`` checks that the rounded table has the same best
    replies as the exact game for the book's EXAMPLE.
    """
    return _table(markups(params, grid), scores(params, grid), "my markup ↓ · partner's →", ".1f")


def served_table(params: Params, grid: Sequence[Fraction] = GRID) -> str:
    """The households served for each pair of markups, in Markdown (the same for both partners)."""
    return _table(markups(params, grid), served(params, grid), "my markup ↓ · partner's →", ".0f")


def predictions(params: Params) -> str:
    """The four regimes' outcomes for the debrief, in Markdown: markups, price, households served, payoffs."""
    head = "| regime | SOE's markup $m_M$ | grassroots' markup $m_R$ | price $P$ | households served $Q$ " \
           "| SOE's score $E_M$ | grassroots' score $E_R$ | total $E_T$ |"
    lines = [head, "|:--|" + "--:|" * 7]
    for regime in REGIMES:
        o = solve(params, regime)
        lines.append(f"| {_REGIME_LABEL[regime]} | {label(o.m_M)} | {label(o.m_R)} | {label(o.P)} | {o.Q:.0f} "
                     f"| {o.E_M:.1f} | {o.E_R:.1f} | {o.E_T:.1f} |")
    return "\n".join(lines)


_REGIME_LABEL = {"nash": "Nash (simultaneous)", "soe_leads": "SOE leads", "grassroots_leads": "grassroots leads",
                 "cooperative": "cooperation (equal split)"}
_COLUMNS = ("1: M", "1: R", "2: M", "2: R", "3: leader", "3: follower", "4: M", "4: R")


def tally_sheet(params: Params, grid: Sequence[Fraction] = GRID) -> str:
    """The debrief's tally sheet, in Markdown: one row per grid markup, what the regimes predict on it, the best
    reply to it (the rule a stand-in partner follows as follower), and empty
    columns in which the instructor counts the markups of each part's last round, by role (part 3 by leader and
    follower: the game is symmetric, so either party's lead predicts the same pair of markups).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> [row.split("|")[2].strip() for row in tally_sheet(EXAMPLE).splitlines()[2:]][2:6]
    ['cooperation (both), follower', '', 'Nash (both)', 'leader']
    """
    m = markups(params, grid)
    at = regime_markups(grid)
    leader, follower = at["soe_leads"]
    assert at["grassroots_leads"] == (follower, leader)  # the mirror image: the game is symmetric
    marks: dict[int, list[str]] = {i: [] for i in range(len(grid))}
    marks[at["nash"][0]].append("Nash (both)")
    marks[at["cooperative"][0]].append("cooperation (both)")
    marks[leader].append("leader")
    marks[follower].append("follower")
    reply = [r[0] for r in best_replies(scores(params, grid))]
    lines = ["| markup | predicted | best reply to it | " + " | ".join(_COLUMNS) + " |",
             "|:--|:--|:--|" + "--|" * len(_COLUMNS)]
    for i, value in enumerate(m):
        lines.append(f"| **{label(value)}** | {', '.join(marks[i])} | {label(m[reply[i]])} |"
                     + " |" * len(_COLUMNS))
    return "\n".join(lines)


def _table(m: np.ndarray, values: np.ndarray, corner: str, fmt: str) -> str:
    head = f"| {corner} | " + " | ".join(f"**{label(v)}**" for v in m) + " |"
    rows = [f"| **{label(mine)}** | " + " | ".join(format(float(v), fmt) for v in row) + " |"
            for mine, row in zip(m, values)]
    return "\n".join([head, "|:--|" + "--:|" * len(m)] + rows)


def _scalar(params: Params) -> None:
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params instance (got {type(params).__name__})")
    if any(np.ndim(getattr(params, k)) for k in ("x", "y", "h", "T_M", "T_R")):
        raise ValueError("params must hold one parameter set (scalars) to print a score table")
