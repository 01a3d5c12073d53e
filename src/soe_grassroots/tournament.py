"""The strategy tournament of ``ch-repeated``, played with the Axelrod library.

Each strategy is one of `axelrod`'s players under the name the book gives it;
`match` plays two of them for a number of periods and `tournament` runs a
round robin (every strategy meets every strategy, itself included), both with
`axelrod.Match` on the two-action stage game as an `axelrod.Game`. The
round robin is `axelrod.Tournament`'s: the same matches, seeded the same way,
so the average scores equal its ``payoff_matrix`` (the tests check it). Playing
the matches here rather than through `axelrod.Tournament` keeps the payoffs
period by period, and with them the discounted scores it does not offer.

Noise is an execution error: each intended action comes out the opposite way
with probability ``noise``, and both partners see what was actually played.

``axelrod`` takes several seconds to import, so it is imported only when a
match is played: ``import soe_grassroots`` stays fast.

Examples
--------
>>> table = ([[18, 15], [20, 16]], [[18, 20], [15, 16]])  # the stage game in units of U/144
>>> result = tournament(STRATEGIES, table, rounds=200, repetitions=2, seed=2026)
>>> for name, value in result.ranking():
...     print(f"{name:<22} {value:.2f}")
grim trigger           17.67
tit-for-tat            17.67
generous tit-for-tat   17.62
win-stay, lose-shift   17.58
always cooperate       17.50
always breach          17.20
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral

import numpy as np


@dataclass(frozen=True)
class Strategy:
    """A strategy of the tournament: the book's name for an `axelrod` player.

    ``player`` names the `axelrod` class and ``options`` its keyword arguments,
    so that the strategies can be listed without importing `axelrod`.
    """

    name: str
    player: str
    options: tuple = ()

    def make(self):
        """A fresh `axelrod.Player` that plays this strategy."""
        import axelrod as axl

        return getattr(axl, self.player)(**dict(self.options))


ALWAYS_COOPERATE = Strategy("always cooperate", "Cooperator")
ALWAYS_BREACH = Strategy("always breach", "Defector")
GRIM_TRIGGER = Strategy("grim trigger", "Grudger")
TIT_FOR_TAT = Strategy("tit-for-tat", "TitForTat")
GENEROUS_TIT_FOR_TAT = Strategy("generous tit-for-tat", "GTFT", (("p", 1 / 3),))
WIN_STAY_LOSE_SHIFT = Strategy("win-stay, lose-shift", "WinStayLoseShift")
STRATEGIES = (ALWAYS_COOPERATE, ALWAYS_BREACH, GRIM_TRIGGER, TIT_FOR_TAT, GENEROUS_TIT_FOR_TAT,
              WIN_STAY_LOSE_SHIFT)
"""The six strategies of the chapter's tournament."""


def generous(generosity: float) -> Strategy:
    """Tit-for-tat that forgives a breach with probability ``generosity`` (`axelrod.GTFT`).

    Examples
    --------
    >>> generous(0.1).name
    'generous tit-for-tat (0.1)'
    """
    if not 0 <= generosity <= 1:
        raise ValueError(f"generosity must be in [0, 1] (got generosity={generosity!r})")
    return Strategy(f"generous tit-for-tat ({generosity:g})", "GTFT", (("p", float(generosity)),))


def _check(rounds, noise, delta=None, repetitions=1, seed=0):
    for name, value in (("rounds", rounds), ("repetitions", repetitions)):
        if not isinstance(value, Integral) or value < 1:
            raise ValueError(f"{name} must be an integer of at least 1 (got {name}={value!r})")
    if not 0 <= noise <= 1:
        raise ValueError(f"noise must be in [0, 1] (got noise={noise!r})")
    if delta is not None and not 0 <= delta < 1:
        raise ValueError(f"delta must be None or in [0, 1) (got delta={delta!r})")
    if seed is not None and not (isinstance(seed, Integral) and 0 <= seed < 2**32):
        raise ValueError(f"seed must be None or an integer in [0, 2**32) (got seed={seed!r})")


def _table(table) -> tuple:
    A, B = (np.asarray(t, float) for t in table)
    if A.shape != (2, 2) or B.shape != (2, 2) or not np.array_equal(B, A.T):
        raise ValueError("table must be (A, B) of a symmetric 2x2 game, B = A.T (got "
                         f"A={A.tolist()}, B={B.tolist()})")
    return A, B


def _game(A):
    import axelrod as axl

    (R, S), (T, P) = A
    return axl.Game(r=R, s=S, t=T, p=P)


def _payoffs(result, A, B):
    actions = np.array([[mine.value, theirs.value] for mine, theirs in result]).reshape(-1, 2)
    return actions, np.column_stack([A[actions[:, 0], actions[:, 1]], B[actions[:, 0], actions[:, 1]]])


def match(first: Strategy, second: Strategy, table, rounds: int = 200, noise: float = 0.0,
          seed: int | None = 0):
    """Play ``first`` (M, rows of the table) against ``second`` (R) with `axelrod.Match`.

    Parameters
    ----------
    first, second : Strategy
    table : tuple of two 2x2 arrays
        ``(A, B)``: the payoffs of M and of R, rows M's action, in the order (keep, breach);
        the game must be symmetric (``B = A.T``), as `axelrod.Game` is.
    rounds : int
        Number of periods, at least 1.
    noise : float
        Probability in [0, 1] that an intended action comes out the opposite way.
    seed : int or None
        Seed of the match's random numbers (noise and generous forgiving).

    Returns
    -------
    actions, payoffs : numpy.ndarray
        Both of shape ``(rounds, 2)``: actions (0 = keep, 1 = breach) and stage payoffs.

    Examples
    --------
    >>> table = ([[18, 15], [20, 16]], [[18, 20], [15, 16]])
    >>> actions, payoffs = match(ALWAYS_BREACH, WIN_STAY_LOSE_SHIFT, table, rounds=4)
    >>> actions[:, 1].tolist(), payoffs[:, 0].tolist()
    ([0, 1, 0, 1], [20.0, 16.0, 20.0, 16.0])
    """
    import axelrod as axl

    _check(rounds, noise, seed=seed)
    A, B = _table(table)
    played = axl.Match((first.make(), second.make()), turns=rounds, game=_game(A), noise=noise, seed=seed)
    return _payoffs(played.play(), A, B)


def score(payoffs: np.ndarray, delta: float | None = None) -> np.ndarray:
    """Per-period score of each column of ``payoffs``: the average, or ``(1 - delta)`` times the present value.

    Examples
    --------
    >>> score(np.array([[1.0, 0.0], [0.0, 1.0]]), delta=0.5).tolist()
    [0.5, 0.25]
    """
    if delta is None:
        return payoffs.mean(axis=0)
    return (1 - delta) * delta ** np.arange(len(payoffs)) @ payoffs


@dataclass(frozen=True)
class Tournament:
    """Result of `tournament`.

    Attributes
    ----------
    names : tuple of str
        The strategies, in the order given.
    matrix : numpy.ndarray
        ``matrix[i, j]``: mean score of strategy ``i`` against strategy ``j`` (against itself,
        the mean of the two players' scores, as in `axelrod.ResultSet.payoff_matrix`).
    scores : numpy.ndarray
        Each strategy's mean score over all opponents, itself included.
    """

    names: tuple
    matrix: np.ndarray
    scores: np.ndarray

    def ranking(self) -> list:
        """``(name, score)`` pairs, best first (ties in the order given)."""
        order = np.argsort(-self.scores, kind="stable")
        return [(self.names[i], float(self.scores[i])) for i in order]


def tournament(strategies, table, rounds: int = 200, noise: float = 0.0, repetitions: int = 5,
               seed: int | None = 0, delta: float | None = None) -> Tournament:
    """A round robin: every strategy meets every strategy, itself included, ``repetitions`` times.

    Each pair plays one `axelrod.Match` ``repetitions`` times, seeded as
    `axelrod.Tournament` seeds it, so the result is the same for the same ``seed``.
    A score is the average payoff per period, or, with ``delta``, ``(1 - delta)``
    times the present value of the ``rounds`` periods.

    Examples
    --------
    >>> table = ([[18, 15], [20, 16]], [[18, 20], [15, 16]])
    >>> result = tournament(STRATEGIES[:3], table, rounds=10, repetitions=1)
    >>> [(name, round(value, 2)) for name, value in result.ranking()]
    [('always breach', 17.47), ('grim trigger', 17.3), ('always cooperate', 17.0)]
    """
    import axelrod as axl

    _check(rounds, noise, delta, repetitions, seed)
    names = tuple(s.name for s in strategies)
    if not names or len(set(names)) < len(names):
        raise ValueError(f"strategies must be a non-empty sequence with distinct names (got {names!r})")
    A, B = _table(table)
    game, seeds = _game(A), axl.random_.BulkRandomGenerator(seed)
    n = len(strategies)
    total = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            pair = axl.Match((strategies[i].make(), strategies[j].make()), turns=rounds, game=game,
                             noise=noise, seed=next(seeds))
            for _ in range(repetitions):
                s_i, s_j = score(_payoffs(pair.play(), A, B)[1], delta)
                total[i, j] += s_i if i != j else (s_i + s_j) / 2
                total[j, i] += s_j if i != j else 0.0
    matrix = total / repetitions
    return Tournament(names, matrix, matrix.mean(axis=1))


__all__ = [
    "ALWAYS_BREACH", "ALWAYS_COOPERATE", "GENEROUS_TIT_FOR_TAT", "GRIM_TRIGGER", "STRATEGIES",
    "Strategy", "TIT_FOR_TAT", "Tournament", "WIN_STAY_LOSE_SHIFT", "generous", "match", "score",
    "tournament",
]
