"""The repeated game: why cooperation between M and R can last (chapters ``ch-repeated``, ``ch-enforcement``).

The one-shot game of the cooperation chapter is a prisoner's dilemma: each
partner either keeps the agreement (charges its part of the cooperative markup)
or breaches it. Played again and again, with future payoffs discounted by a
factor ``delta`` per period, the agreement can hold by itself: a partner who
breaches gains once and loses the cooperative payoff for ever after. This
module states that trade-off in closed form, derives the same closed forms with
sympy (`derive_unit_payoffs`, `derive_threshold`; the tests prove them equal).
Strategies beyond grim trigger are played in `soe_grassroots.tournament`.

Write ``a = x - y h``, ``T = T_M T_R`` and ``U = T a**2 / y`` (`Params.U`). Every stage
payoff is a number times ``U``; the numbers depend only on M's share ``s`` of
the cooperative total, on how a partner breaches (``deviation``) and on what
follows a breach (``punishment``). So `unit_payoffs` works in units of ``U``,
and the penalty enters the thresholds as ``f = F / U``.

Examples
--------
>>> from soe_grassroots import EXAMPLE
>>> from soe_grassroots import repeated
>>> repeated.critical_discount(EXAMPLE)
0.5
>>> round(repeated.critical_discount(EXAMPLE, deviation="best"), 4)
0.5294
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import numpy as np

from ._checks import check_delta as _check_delta
from ._checks import scalar as _scalar
from .params import Number, Params, as_real

DEVIATIONS = ("matrix", "best")
"""How a partner breaches: to its Nash markup (the two-action game), or with its best reply."""

PUNISHMENTS = ("nash", "minmax", "stick")
"""What follows a breach: ``"nash"``, Nash markups for ever; ``"minmax"``, breakdown for ever (both
markups at or above the choke markup ``a/y``, so no household buys and each partner earns 0, its minmax
payoff); ``"stick"``, ``stick`` periods of breakdown, then back to the agreement (stick and carrot)."""

PUNISHMENT_NAMES = {"nash": "Nash reversion", "minmax": "breakdown for ever", "stick": "a short breakdown"}

PARTNERS = ("M", "R")

C, N = 0, 1
"""The two actions of the stage game: keep the agreement (C) or charge the Nash markup (N)."""


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------

def _check_choice(name: str, value, valid: tuple) -> str:
    if not isinstance(value, str) or value not in valid:
        names = ", ".join(repr(v) for v in valid)
        raise ValueError(f"{name} must be one of {names} (got {value!r})")
    return value


def _check_penalty(penalty):
    value = as_real("penalty", penalty)
    if np.any(np.asarray(value) < 0):
        bad = np.asarray(value)[np.asarray(value) < 0].flat[0]
        raise ValueError(f"penalty must be >= 0 (got penalty={float(bad)!r})")
    return value


def _check_share(share):
    value = as_real("share", share)
    bad = (np.asarray(value) < 0) | (np.asarray(value) > 1)
    if np.any(bad):
        raise ValueError(f"share must be in [0, 1] (got share={float(np.asarray(value)[bad].flat[0])!r})")
    return value


def _check_stick(stick) -> int:
    if isinstance(stick, bool) or not isinstance(stick, (int, np.integer)) or stick < 1:
        raise ValueError(f"stick must be a positive integer number of periods (got stick={stick!r})")
    return int(stick)


# ---------------------------------------------------------------------------
# closed forms, in units of U (plain arithmetic: they work on sympy symbols too)
# ---------------------------------------------------------------------------

def agreed_markups(share=0.5):
    """The agreed markups ``(m_M, m_R)`` in units of ``a/y`` when M gets the share ``s``.

    The cooperative joint markup ``a/(2y)`` is split in proportion ``s : 1 - s``.

    Examples
    --------
    >>> agreed_markups(0.5)
    (0.25, 0.25)
    """
    return share / 2, (1 - share) / 2


def unit_payoffs(share=0.5, deviation: str = "matrix", punishment: str = "nash") -> dict[str, tuple[Any, Any, Any]]:
    """Each partner's stage payoffs ``(c, d, p)`` in units of ``U``.

    ``c`` is its payoff while both keep the agreement, ``d`` what it earns in
    the period it breaches (the partner still charging its agreed markup) and
    ``p`` what it earns in every period of the punishment that follows.

    Parameters
    ----------
    share : float, array or sympy expression
        M's share ``s`` of the cooperative total.
    deviation : {"matrix", "best"}
        ``"matrix"``: the breacher charges its Nash markup ``a/(3y)``;
        ``"best"``: it charges its best reply to the partner's agreed markup.
    punishment : {"nash", "minmax", "stick"}
        ``"nash"``: Nash markups for ever (``p = 1/9``); ``"minmax"`` and
        ``"stick"``: breakdown, nobody buys (``p = 0``; for ever, or for a
        few periods).

    Returns
    -------
    dict
        ``{"M": (c, d, p), "R": (c, d, p)}``.

    Examples
    --------
    >>> unit_payoffs(0.5, "best")["R"]
    (0.125, 0.140625, 0.1111111111111111)
    """
    _check_choice("deviation", deviation, DEVIATIONS)
    _check_choice("punishment", punishment, PUNISHMENTS)
    agreed = dict(zip(PARTNERS, agreed_markups(share)))
    out = {}
    for me, other in (("M", "R"), ("R", "M")):
        m_o = agreed[other]
        c = agreed[me] / 2  # Q = T a / 2 under the agreement, so c = (a/2) * m_me, in units of U
        if deviation == "matrix":  # own markup 1/3: Q = 1 - 1/3 - m_o
            d = (2 - 3 * m_o) / 9
        else:  # best reply (1 - m_o)/2 earns its square
            d = (1 - m_o) ** 2 / 4
        one = share**0  # 1 of the share's own type: exact for sympy and Fraction, an array for arrays
        p = one / 9 if punishment == "nash" else 0 * one
        out[me] = (c, d, p)
    return out


def threshold(c, d, p, f=0):
    """The ``delta`` at which keeping and breaching pay the same: ``(d - c - f) / (d - f - p)``.

    Keeping the agreement is worth ``c/(1 - delta)``; breaching is worth
    ``d - f + delta p/(1 - delta)``. The two are equal at this ``delta``.

    Examples
    --------
    >>> from fractions import Fraction as Fr
    >>> threshold(Fr(1, 8), Fr(9, 64), Fr(1, 9))
    Fraction(9, 17)
    """
    return (d - c - f) / (d - f - p)


class Window(NamedTuple):
    """Cooperation holds at ``delta`` in [0, 1) exactly when ``low <= delta <= high``.

    ``high == 1.0`` means every ``delta`` from ``low`` up to (not including) 1;
    an empty window is ``low = inf``, ``high = -inf``.
    """

    low: Number
    high: Number


def _window(c, d, p, f) -> Window:
    """The window of one partner (numpy, broadcasting).

    The gain from keeping the agreement, times ``1 - delta``, is the straight
    line ``g(delta) = A (1 - delta) + B delta`` with ``A = c - d + f`` (at
    ``delta = 0``) and ``B = c - p`` (as ``delta -> 1``).
    """
    A, B = np.asarray(c - d + f, float), np.asarray(c - p, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = np.clip(A / (A - B), 0.0, 1.0)
    low = np.where(A >= 0, 0.0, np.where(B > 0, cross, np.inf))
    high = np.where(B >= 0, np.where((A >= 0) | (B > 0), 1.0, -np.inf), np.where(A >= 0, cross, -np.inf))
    empty = low > high
    return Window(np.where(empty, np.inf, low), np.where(empty, -np.inf, high))


def _stick_window(c, d, f, k: int) -> Window:
    """The window of one partner under a ``k``-period stick (numpy, broadcasting).

    Keeping is worth ``c/(1 - delta)``; breaching ``d - f`` now, ``0`` for ``k``
    periods, then ``c`` for ever again. Keeping is at least as good exactly when
    ``c (1 + delta + ... + delta**k) >= d - f``: the left side rises with
    ``delta`` from ``c`` to ``(k + 1) c``, so the window is ``[low, 1)`` or empty.
    A deviation during the stick earns 0 and only delays the return, so it never
    pays: each breakdown period is a stage equilibrium.
    """
    c, need = np.asarray(c, float), np.asarray(d - f, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(c > 0, need / np.where(c > 0, c, 1.0), np.where(need <= 0, 0.0, np.inf))
    if k == 1:  # 1 + delta >= ratio
        root = ratio - 1
    elif k == 2:  # 1 + delta + delta**2 >= ratio
        with np.errstate(invalid="ignore"):
            root = (np.sqrt(np.maximum(4 * ratio - 3, 0.0)) - 1) / 2
    else:  # bisection on the increasing sum 1 + delta + ... + delta**k
        lo, root = np.zeros(np.shape(ratio)), np.ones(np.shape(ratio))
        for _ in range(60):
            mid = (lo + root) / 2
            ok = sum(mid**j for j in range(k + 1)) >= ratio
            root, lo = np.where(ok, mid, root), np.where(ok, lo, mid)
    low = np.where(ratio <= 1, 0.0, np.where(ratio < k + 1, root, np.inf))
    return Window(low, np.where(np.isfinite(low), 1.0, -np.inf))


def windows(params: Params, deviation: str = "matrix", punishment: str = "nash", penalty=0.0,
            share=0.5, stick: int = 1) -> dict:
    """The discount factors at which the punishment sustains cooperation, per partner and for both.

    Parameters are those of `critical_discount`.

    Returns
    -------
    dict
        ``{"M": Window, "R": Window, "both": Window}``; see `Window`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> w = windows(EXAMPLE, share=0.52)
    >>> round(w["M"].low, 4), round(w["R"].low, 4), w["both"].high
    (0.3929, 0.6364, 1.0)
    """
    return unit_windows(share, deviation, punishment, _check_penalty(penalty) / params.U, stick)


def unit_windows(share=0.5, deviation: str = "matrix", punishment: str = "nash", f=0.0,
                 stick: int = 1) -> dict:
    """`windows` with the penalty in units of ``U``, ``f = F/U``: no parameter of the one-shot game is needed.

    The one computation of the critical discount factors; `windows`,
    `critical_discount` and `soe_grassroots.policy.window` all call it.

    Examples
    --------
    >>> w = unit_windows(0.5, "best", f=0.0)["both"]
    >>> round(w.low, 6), w.high
    (0.529412, 1.0)
    >>> unit_windows(0.5, "best", f=1 / 64)["both"].low
    0.0
    """
    f = as_real("f", f)
    if np.any(np.asarray(f) < 0):
        raise ValueError(f"f must be >= 0 (got f={float(np.asarray(f)[np.asarray(f) < 0].flat[0])!r})")
    pay = unit_payoffs(_check_share(share), deviation, punishment)
    if punishment == "stick":
        k = _check_stick(stick)
        out = {who: _stick_window(c, d, f, k) for who, (c, d, _) in pay.items()}
    else:
        out = {who: _window(*pay[who], f) for who in PARTNERS}
    low = np.maximum(out["M"].low, out["R"].low)
    high = np.minimum(out["M"].high, out["R"].high)
    empty = low > high
    out["both"] = Window(np.where(empty, np.inf, low), np.where(empty, -np.inf, high))
    return {k: Window(_scalar(w.low), _scalar(w.high)) for k, w in out.items()}


def critical_discount(params: Params, deviation: str = "matrix", punishment: str = "nash",
                      penalty=0.0, share=0.5, stick: int = 1):
    """The smallest ``delta`` in [0, 1) at which the punishment sustains cooperation for both partners.

    Each partner keeps the agreement until someone breaches, then both play
    the punishment: for ever (grim trigger, ``"nash"`` or ``"minmax"``), or for
    ``stick`` periods, after which both return to the agreement (``"stick"``;
    a breach during the stick starts it again). A partner keeps the agreement
    when the present value of doing so is at least that of breaching now,
    paying the one-off ``penalty`` and being punished from the next period on.
    By the one-shot deviation principle this single check suffices for each
    punishment here, because every punishment period is a Nash equilibrium of
    the pricing stage game (Nash markups; breakdown, where no one sells
    whatever it charges): no one can gain by deviating from it.

    Parameters
    ----------
    params : Params
        The game's parameters.
    deviation : {"matrix", "best"}
        ``"matrix"``: a breach to the Nash markup ``a/(3y)``; ``"best"``: the
        best reply to the partner's agreed markup.
    punishment : {"nash", "minmax", "stick"}
        ``"nash"``: reversion to Nash markups for ever; ``"minmax"``: breakdown
        for ever (both earn 0); ``"stick"``: ``stick`` periods of breakdown,
        then back to the agreement.
    penalty : float or array_like
        A one-off payment ``F >= 0`` by the breacher, in the payoffs' units.
    share : float or array_like
        M's share ``s`` in [0, 1] of the cooperative total, realized by
        splitting the joint markup ``a/(2y)`` in proportion ``s : 1 - s``.
    stick : int
        The number of breakdown periods of a ``"stick"`` punishment, a positive
        integer (default 1); ignored by the other punishments.

    Returns
    -------
    float or numpy.ndarray
        ``0.0`` if cooperation holds at ``delta = 0`` (in particular if it
        holds at every ``delta``), ``math.inf`` if it holds at none. In one
        corner, a partner whose agreed payoff is below its punishment payoff
        and a penalty above its gain from breaching, cooperation holds only
        for ``delta`` up to a bound; `windows` gives both ends.

    Raises
    ------
    ValueError
        For an unknown deviation or punishment, a negative or non-finite
        penalty, a share outside [0, 1], or a ``stick`` that is not a positive
        integer.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> round(critical_discount(EXAMPLE, punishment="minmax"), 12)
    0.1
    >>> round(critical_discount(EXAMPLE, "best", "stick", stick=1), 12)  # one period of breakdown
    0.125
    >>> critical_discount(EXAMPLE, "best", "stick", stick=0)
    Traceback (most recent call last):
    ...
    ValueError: stick must be a positive integer number of periods (got stick=0)
    >>> critical_discount(EXAMPLE, deviation="best", penalty=3.0)  # F = U/64
    0.0
    >>> critical_discount(EXAMPLE, share=0.6)
    inf
    >>> critical_discount(EXAMPLE, deviation="worst")
    Traceback (most recent call last):
    ...
    ValueError: deviation must be one of 'matrix', 'best' (got 'worst')
    """
    return windows(params, deviation, punishment, penalty, share, stick)["both"].low


def present_values(params: Params, delta, deviation: str = "matrix", punishment: str = "nash",
                   penalty=0.0, share=0.5, stick: int = 1) -> dict:
    """Each partner's present value of keeping the agreement and of breaching now, in payoff units.

    Keeping: ``c U / (1 - delta)``. Breaching now: ``d U - F`` this period,
    then ``p U`` in every later period, ``d U - F + delta p U / (1 - delta)``;
    under a ``"stick"`` of ``k`` periods, 0 for ``k`` periods and then ``c U``
    again, ``d U - F + delta**(k + 1) c U / (1 - delta)``.

    Returns
    -------
    dict
        ``{"M": (keep, breach), "R": (keep, breach)}``.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> keep, breach = present_values(EXAMPLE, 0.5)["M"]
    >>> keep, round(breach, 6)
    (48.0, 48.0)
    """
    delta = _check_delta(delta)
    F, U = _check_penalty(penalty), params.U
    pay = unit_payoffs(_check_share(share), deviation, punishment)
    if punishment == "stick":
        k = _check_stick(stick)
        return {who: (c * U / (1 - delta), d * U - F + delta ** (k + 1) * c * U / (1 - delta))
                for who, (c, d, p) in pay.items()}
    return {who: (c * U / (1 - delta), d * U - F + delta * p * U / (1 - delta))
            for who, (c, d, p) in pay.items()}


def finite_horizon_discount(params: Params, deviation: str = "best", penalty=0.0, share=0.5):
    """The smallest ``delta`` at which cooperation holds in all but the last of a known number of periods.

    The pricing stage game has two Nash equilibria: the Nash markups
    (``1/9`` of ``U`` each) and breakdown (0 each). With a known last period
    ``n - 1`` the profile is: keep the agreement in periods ``0 .. n - 2``,
    charge the Nash markups in the last period, and after any breach break
    down for the rest of the game (Benoit and Krishna, 1985). Every period
    after a breach and the last period are stage equilibria, so only a breach
    of the agreement needs checking. With ``r`` agreement periods still to come
    after this one, keeping is worth ``c (1 + ... + delta**r) + delta**(r+1) / 9``
    against ``d - f``; the returned ``delta`` makes the profile subgame perfect
    for every horizon ``n >= 2``. For a partner with ``c >= 1/9`` (an equal split
    included) the last agreement period binds: ``delta >= 9 (d - f - c)``.

    Parameters are those of `critical_discount`.

    Returns
    -------
    float or numpy.ndarray
        ``0.0`` if a breach never pays; ``math.inf`` if no ``delta < 1`` works.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> [round(finite_horizon_discount(EXAMPLE, b), 12) for b in ("best", "matrix")]  # 9/64 and 1/8
    [0.140625, 0.125]
    """
    f = _check_penalty(penalty) / params.U
    pay = unit_payoffs(_check_share(share), deviation, "minmax")
    nash = 1 / 9  # each partner's payoff at the Nash markups, the last period's equilibrium
    lows = []
    for c, d, _ in pay.values():
        c, need = np.asarray(c, float), np.asarray(d - f, float)
        last = np.maximum((need - c) / nash, 0.0)  # c + delta/9 >= d - f, the last agreement period
        with np.errstate(divide="ignore", invalid="ignore"):
            # every horizon: either the reward 1/9 of the last period is no more than c per period
            # (then later agreement periods bind less), or c/(1 - delta) >= d - f
            never = np.where(need > 0, np.maximum(1 - c / np.where(need > 0, need, 1.0), 0.0), 0.0)
        long_run = np.minimum(np.maximum(1 - c / nash, 0.0), never)
        low = np.maximum(last, long_run)
        lows.append(np.where(low < 1, low, np.inf))
    return _scalar(np.maximum(*lows))


# ---------------------------------------------------------------------------
# the stage game as a bimatrix
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class StageGame:
    """The two-action stage game: keep the agreement (C) or charge the Nash markup (N).

    Attributes
    ----------
    A, B : numpy.ndarray
        2x2 payoffs of M and of R; rows are M's action, columns R's, in the
        order (cooperate, Nash markup).
    cooperate : float
        The markup of a partner who keeps the agreement, ``a/(4y)``.
    nash : float
        The Nash markup, ``a/(3y)``.
    U : float
        The payoff unit ``T a**2 / y``.
    """

    A: np.ndarray
    B: np.ndarray
    cooperate: float
    nash: float
    U: float

    def game(self):
        """The `nashpy.Game` of ``A`` and ``B``.

        Examples
        --------
        >>> from soe_grassroots import EXAMPLE
        >>> [tuple(map(float, eq[0])) for eq in stage_game(EXAMPLE).game().support_enumeration()]
        [(0.0, 1.0)]
        """
        import nashpy

        return nashpy.Game(self.A, self.B)


def stage_game(params: Params) -> StageGame:
    """The stage game of the repeated game, from the model's payoffs (Hypothesis 3 of the paper).

    The package's one numeric two-action game: the cells are the outcomes of
    `soe_grassroots.regimes.dilemma` (rows M's action, columns R's, ``(C, N)``);
    `soe_grassroots.learning.stage_game` divides it by ``U``, and
    `stage_game_symbolic` is the same game in sympy.

    Parameters
    ----------
    params : Params
        Scalar parameters.

    Returns
    -------
    StageGame

    Raises
    ------
    ValueError
        If ``params`` holds arrays (a bimatrix needs one parameter set).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> g = stage_game(EXAMPLE)
    >>> g.A / g.U * 144
    array([[18., 15.],
           [20., 16.]])
    >>> bool((g.B == g.A.T).all())
    True
    """
    from .regimes import MARKUPS, dilemma

    if any(np.ndim(getattr(params, k)) for k in ("x", "y", "h", "T_M", "T_R")):
        raise ValueError("params must hold scalars for a stage game (got arrays)")
    base = params.a / params.y
    markup = {C: float(float(MARKUPS["cooperative"][0]) * base), N: float(float(MARKUPS["nash"][0]) * base)}
    cells = dilemma(params)  # the model's outcome in each cell, keyed SOE first
    A, B = np.zeros((2, 2)), np.zeros((2, 2))
    for i in (C, N):
        for j in (C, N):
            o = cells["CN"[i] + "CN"[j]]
            A[i, j], B[i, j] = o.E_M, o.E_R
    return StageGame(A, B, markup[C], markup[N], float(params.U))


# ---------------------------------------------------------------------------
# the same results, derived with sympy from the model's definitions
# ---------------------------------------------------------------------------

@cache
def stage_game_symbolic() -> tuple:
    """`stage_game`'s payoff matrices in units of ``U = T a**2 / y``, derived with sympy.

    The one symbolic two-action game of the package (`soe_grassroots.learning`
    and `soe_grassroots.errata` call it). Rows are M's action, columns R's, in
    the order ``(C, N)``: keep the agreement (the cooperative markup ``a/(4y)``)
    or charge the Nash markup ``a/(3y)``. The payoffs are the model's
    (`soe_grassroots.symbolic.payoffs`) with ``x`` written as ``y h + a``, so
    the cells are exact fractions.

    Returns
    -------
    (sympy.Matrix, sympy.Matrix)
        ``A`` (M's payoffs) and ``B`` (R's payoffs).

    Examples
    --------
    >>> A, B = stage_game_symbolic()
    >>> A
    Matrix([
    [ 1/8, 5/48],
    [5/36,  1/9]])
    >>> B == A.T
    True
    """
    import sympy as sp

    from . import symbolic as sym
    from .regimes import MARKUPS

    a, y = sym.a, sym.y
    markup = {C: sp.Rational(MARKUPS["cooperative"][0]) * a / y, N: sp.Rational(MARKUPS["nash"][0]) * a / y}
    E = sym.payoffs()
    U = sym.in_terms_of_a(sym.U)

    def cell(player, i, j):
        return sp.simplify(sym.in_terms_of_a(E[player].subs({sym.m_M: markup[i], sym.m_R: markup[j]})) / U)

    return (sp.Matrix(2, 2, lambda i, j: cell("M", i, j)).as_immutable(),
            sp.Matrix(2, 2, lambda i, j: cell("R", i, j)).as_immutable())



@cache
def _derive_unit_payoffs(deviation: str, punishment: str) -> tuple:
    """The derivation behind `derive_unit_payoffs` (cached: sympy takes a second or two)."""
    import sympy as sp

    from . import symbolic as sym
    from .model import outcome

    s = sp.Symbol("theta", real=True)
    a, U = sym.A_IN_X, sym.U
    agreed = {"M": s * a / (2 * sym.y), "R": (1 - s) * a / (2 * sym.y)}
    nash = sym.derive("nash").m_M
    out = {}
    for me, other in (("M", "R"), ("R", "M")):
        def mine(m_me, m_other, me=me):
            pair = (m_me, m_other) if me == "M" else (m_other, m_me)
            o = outcome("given", sym.SYMBOLS, *pair)
            return o.E_M if me == "M" else o.E_R

        c = mine(agreed[me], agreed[other])
        if deviation == "matrix":
            m_breach = nash
        else:
            m = sp.Symbol("m", real=True)
            (m_breach,) = sp.solve(sp.diff(mine(m, agreed[other]), m), m)
        d = mine(m_breach, agreed[other])
        p = mine(nash, nash) if punishment == "nash" else sp.Integer(0)  # breakdown: nobody buys
        out[me] = tuple(sp.factor(sp.simplify(v / U)) for v in (c, d, p))
    return tuple(out.items())


def derive_unit_payoffs(deviation: str = "matrix", punishment: str = "nash") -> dict:
    """`unit_payoffs` derived by sympy from the model, as expressions in the share ``s``.

    The agreed markups split ``a/(2y)`` as ``s : 1 - s``; the Nash markup is
    `soe_grassroots.symbolic.derive`'s; the best breach solves the breacher's
    first-order condition; payoffs come from `soe_grassroots.model.outcome`.

    Examples
    --------
    >>> derive_unit_payoffs("best")["M"]
    (theta/4, (theta + 1)**2/16, 1/9)
    """
    _check_choice("deviation", deviation, DEVIATIONS)
    _check_choice("punishment", punishment, PUNISHMENTS)
    return dict(_derive_unit_payoffs(deviation, punishment))


def derive_condition(deviation: str = "matrix", punishment: str = "nash", partner: str = "R",
                     stick: int = 1):
    """Keeping minus breaching, in present value and units of ``U``, derived by sympy.

    Grim trigger (``"nash"``, ``"minmax"``): ``c/(1 - delta) - (d - f + delta p/(1 - delta))``.
    A stick of ``k`` periods: ``c/(1 - delta) - (d - f + delta**(k+1) c/(1 - delta))``,
    simplified to the polynomial ``c (1 + delta + ... + delta**k) - (d - f)``.
    Cooperation holds for the partner where the expression is ``>= 0``.

    Examples
    --------
    >>> import sympy as sp
    >>> derive_condition("best", "stick", stick=2).subs(sp.Symbol("theta", real=True), sp.Rational(1, 2))
    delta**2/8 + delta/8 + f - 1/64
    """
    import sympy as sp

    _check_choice("partner", partner, PARTNERS)
    c, d, p = derive_unit_payoffs(deviation, punishment)[partner]
    delta, f = sp.Symbol("delta", real=True), sp.Symbol("f", real=True)
    keep = c / (1 - delta)
    if punishment == "stick":
        k = _check_stick(stick)
        breach = d - f + delta ** (k + 1) * c / (1 - delta)
        return sp.expand(sp.cancel(sp.together(keep - breach)))
    return keep - (d - f + delta * p / (1 - delta))


def derive_threshold(deviation: str = "matrix", punishment: str = "nash", partner: str = "R",
                     stick: int = 1):
    """The partner's critical ``delta`` solved by sympy from the present-value condition.

    Solves `derive_condition` ``= 0`` for ``delta``, with ``(c, d, p)`` from
    `derive_unit_payoffs` and ``f = F/U``. For grim trigger that is
    ``c/(1 - delta) = d - f + delta p/(1 - delta)``; for a stick of ``k``
    periods ``c (1 + delta + ... + delta**k) = d - f``, whose root in (0, 1) is
    given in closed form for ``k = 1`` and ``k = 2`` (longer sticks: solve
    `derive_condition` at given numbers).

    Examples
    --------
    >>> import sympy as sp
    >>> e = derive_threshold("best").subs(sp.Symbol("theta", real=True), sp.Rational(1, 2))
    >>> sp.factor(e)
    9*(64*f - 1)/(576*f - 17)
    >>> theta, f = sp.symbols("theta f", real=True)
    >>> sp.radsimp(derive_threshold("best", "stick", stick=2).subs({theta: sp.Rational(1, 2), f: 0}))
    -1/2 + sqrt(6)/4
    """
    import sympy as sp

    condition = derive_condition(deviation, punishment, partner, stick)
    delta = sp.Symbol("delta", real=True)
    if punishment != "stick":
        (root,) = sp.solve(condition, delta)
        return sp.factor(root)
    k = _check_stick(stick)
    if k > 2:
        raise ValueError(f"stick must be 1 or 2 for a closed form (got stick={k}); "
                         "solve derive_condition at given numbers instead")
    roots = sp.solve(condition, delta)
    # the root that lies in (0, 1) at an equal split with no penalty (the other is negative)
    at = {sp.Symbol("theta", real=True): sp.Rational(1, 2), sp.Symbol("f", real=True): 0}
    (root,) = [r for r in roots if 0 < r.subs(at) < 1]
    return root


def derive_finite_horizon_threshold(deviation: str = "best", partner: str = "R"):
    """The binding condition of `finite_horizon_discount`, solved by sympy.

    In the last agreement period, keeping earns ``c`` now and the Nash payoff
    in the last period; breaching earns ``d - f`` now and breakdown (0) after:
    ``c + delta * p_N = d - f`` with ``p_N`` the Nash payoff from the model.

    Examples
    --------
    >>> import sympy as sp
    >>> theta, f = sp.symbols("theta f", real=True)
    >>> derive_finite_horizon_threshold("best").subs({theta: sp.Rational(1, 2), f: 0})
    9/64
    """
    import sympy as sp

    _check_choice("partner", partner, PARTNERS)
    c, d, _ = derive_unit_payoffs(deviation, "minmax")[partner]
    _, _, p_nash = derive_unit_payoffs(deviation, "nash")[partner]
    delta, f = sp.Symbol("delta", real=True), sp.Symbol("f", real=True)
    (root,) = sp.solve(sp.Eq(c + delta * p_nash, d - f), delta)
    return sp.factor(root)


# ---------------------------------------------------------------------------
# a known last period: backward induction
# ---------------------------------------------------------------------------

def backward_induction(game: StageGame, periods: int) -> list:
    """Play of a game repeated a known number of times, solved from the last period back.

    In each period the continuation is already fixed and the same whatever is
    played now, so the period's equilibrium is the stage game's; nashpy finds it.

    Returns
    -------
    list of tuple
        The action pair ``(M, R)`` of each period (``"C"`` or ``"N"``), first period first.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> backward_induction(stage_game(EXAMPLE), 3)
    [('N', 'N'), ('N', 'N'), ('N', 'N')]
    """
    if not isinstance(periods, int) or periods < 1:
        raise ValueError(f"periods must be a positive integer (got periods={periods!r})")
    import nashpy

    plays, later = [], np.zeros(2)  # later: each partner's payoff from all later periods
    for _ in range(periods):
        g = nashpy.Game(game.A + later[0], game.B + later[1])
        sigma_M, sigma_R = next(iter(g.support_enumeration()))
        i, j = int(np.argmax(sigma_M)), int(np.argmax(sigma_R))
        plays.append(("CN"[i], "CN"[j]))
        later = later + np.array([game.A[i, j], game.B[i, j]])
    return plays[::-1]


# ---------------------------------------------------------------------------
# the explorer
# ---------------------------------------------------------------------------

class RepeatedPlot:
    """Keep or breach? Each partner's values on the two paths, as the discount factor moves.

    Left: per-period equivalents ``(1 - delta) * PV`` of keeping the agreement
    (solid) and of breaching now (dashed), in units of ``U``, against
    ``delta``; a partner keeps the agreement where its solid line lies on or
    above its dashed one. Dotted lines mark each partner's threshold. Right:
    the present values themselves at the chosen ``delta``, and the verdict.
    """

    def __init__(self, params: Params, delta: float, penalty_U: float = 0.0, share: float = 0.5,
                 deviation: str = "best", punishment: str = "nash"):
        from .plots import PLAYER_COLORS, new_figure

        self.fig, (self.ax_line, self.ax_pv) = new_figure(7.0, 4.0, ncols=2)
        self.lines, self.dots = {}, {}
        for who in PARTNERS:
            color = PLAYER_COLORS[who]
            width = 5.0 if who == "M" else 2.5  # M's lines wider and below R's: both show where they coincide
            self.lines[who] = (self.ax_line.plot([], [], color=color, lw=width, label=f"{who} keeps")[0],
                               self.ax_line.plot([], [], color=color, lw=width, ls="--", label=f"{who} breaches")[0])
            self.dots[who] = self.ax_line.plot([], [], "o", color=color, mec="black", ms=7, zorder=5)[0]
        self.marks = [self.ax_line.axvline(0.5, color=PLAYER_COLORS[w], lw=1.2, ls=":") for w in PARTNERS]
        self.guide = self.ax_line.axvline(0.5, color="black", lw=1)
        self.ax_line.set_xlim(0, 1)
        self.ax_line.set_xlabel(r"discount factor $\delta$")
        self.ax_line.set_ylabel(r"per-period value ($\times U$)")
        self.ax_line.legend(loc="upper right", frameon=False, ncols=2, handlelength=1.6, columnspacing=0.8)
        pos = np.array([0, 1, 2.4, 3.4])
        colors = [PLAYER_COLORS[w] for w in ("M", "M", "R", "R")]
        self.bars = self.ax_pv.bar(pos, np.zeros(4), width=0.8, color=colors, edgecolor=colors, linewidth=1.5)
        for k in (1, 3):
            self.bars[k].set(facecolor="white", hatch="//")
        self.ax_pv.set_xticks(pos, ["M\nkeeps", "M\nbreaks", "R\nkeeps", "R\nbreaks"])
        self.ax_pv.set_ylabel(r"present value ($\times U$)")
        self.values = [self.ax_pv.text(p, 0, "", ha="center", va="bottom") for p in pos]
        self.status = self.ax_pv.text(0.02, 0.99, "", transform=self.ax_pv.transAxes, ha="left", va="top")
        self.dynamic = [self.guide, *self.dots.values(), *self.bars, *self.values, self.status]
        self.update(params, delta, penalty_U, share, deviation, punishment)

    def update(self, params: Params, delta: float, penalty_U: float = 0.0, share: float = 0.5,
               deviation: str = "best", punishment: str = "nash") -> None:
        """Redraw for a new discount factor (fast) or new share, penalty, deviation or punishment."""
        U = params.U
        F = penalty_U * U
        pay = unit_payoffs(_check_share(share), deviation, punishment)
        win = windows(params, deviation, punishment, F, share)
        grid = np.linspace(0, 1, 101)
        top, low = 0.0, 0.0
        on_grid = present_values(params, grid[:-1], deviation, punishment, F, share)
        here = present_values(params, delta, deviation, punishment, F, share)
        for k, who in enumerate(PARTNERS):
            c, d, p = pay[who]
            breach_line = np.r_[(1 - grid[:-1]) * on_grid[who][1] / U, p if punishment != "stick" else c]
            self.lines[who][0].set_data(grid, np.full_like(grid, c))
            self.lines[who][1].set_data(grid, breach_line)
            self.dots[who].set_data([delta, delta], [c, (1 - delta) * here[who][1] / U])
            top, low = max(top, c, d - penalty_U, p), min(low, d - penalty_U)
            w = win[who]
            edge = w.low if 0 < w.low < 1 else (w.high if 0 < w.high < 1 else None)
            self.marks[k].set_visible(edge is not None)
            self.marks[k].set_xdata([edge or 0.0] * 2)
        self.ax_line.set_ylim(low * 1.1, top * 1.5)
        self.guide.set_xdata([delta, delta])
        pv = present_values(params, delta, deviation, punishment, F, share)
        heights = [v / U for who in PARTNERS for v in pv[who]]
        pv_top = present_values(params, 0.9, deviation, punishment, F, share)
        roof = max(max(v / U for who in PARTNERS for v in pv_top[who]), max(heights))
        self.ax_pv.set_ylim(min(0.0, min(heights)) * 1.1, roof * 1.45)
        for bar, text, value in zip(self.bars, self.values, heights):
            bar.set_height(value)
            text.set_position((bar.get_x() + bar.get_width() / 2, max(value, 0)))
            text.set_text(f"{value:.3f}")
        keeps = {who: bool(win[who].low <= delta <= win[who].high) for who in PARTNERS}
        self.status.set_text("\n".join(f"{who}: {'keeps' if keeps[who] else 'breaks'} the agreement"
                                       for who in PARTNERS))
        verdict = "holds" if all(keeps.values()) else "fails"
        self.alt = (
            f"At discount factor {delta:.2f}, with a penalty of {penalty_U:.3f} U, the SOE's share {share:.2f}, "
            f"a {deviation} breach and {PUNISHMENT_NAMES[punishment]}, cooperation {verdict}: the SOE's present value "
            f"is {heights[0]:.3f} U if it keeps the agreement and {heights[1]:.3f} U if it breaches; the "
            f"grassroots organization's is {heights[2]:.3f} U against {heights[3]:.3f} U."
        )


def repeated_figure(params: Params | None = None, delta: float = 0.5, **choices):
    """The chapter's static figure of `RepeatedPlot` as a `Figure`.

    Examples
    --------
    >>> repeated_figure(delta=0.6).axes[1].get_ylabel()
    'present value ($\\\\times U$)'
    """
    from .params import EXAMPLE

    return RepeatedPlot(EXAMPLE if params is None else params, delta, **choices).fig


def explore_repeated(params: Params | None = None, *, size: str = "page"):
    """The chapter's explorer: the discount factor on the main slider; penalty F/U and share below.

    Parameters
    ----------
    params : Params, optional
        Defaults to the running example (the figure is in units of ``U``, so
        the parameters only set that unit).
    size : {"page", "projector"}
        Passed on to `soe_grassroots.widgets.Explorer`.

    Examples
    --------
    >>> explorer = explore_repeated()
    >>> explorer.slider.description, len(explorer.values)
    ('discount factor δ', 19)
    """
    import ipywidgets as W

    from .widgets import Explorer, start_state

    state = start_state(params, delta=0.5, penalty_U=0.0, share=0.5, deviation="best", punishment="nash")
    extra = {
        "deviation": W.Dropdown(options=[("best reply", "best"), ("Nash markup", "matrix")], value="best",
                                description="breach"),
        "punishment": W.Dropdown(options=[("Nash for ever", "nash"), ("breakdown for ever", "minmax"),
                                          ("breakdown for 1 period", "stick")], value="nash",
                                 description="punishment"),
    }
    others = {"penalty_U": (0.0, 0.03, 0.001, "penalty F/U"), "share": (0.40, 0.60, 0.005, "SOE's share θ")}
    values = np.round(np.arange(0, 0.901, 0.05), 2)
    return Explorer(RepeatedPlot, state, "delta", values, "discount factor δ", others, extra=extra, size=size)


__all__ = [
    "DEVIATIONS", "PUNISHMENTS", "StageGame", "Window",
    "agreed_markups", "backward_induction", "critical_discount", "derive_condition",
    "derive_finite_horizon_threshold", "derive_threshold", "derive_unit_payoffs", "finite_horizon_discount",
    "explore_repeated", "present_values", "repeated_figure", "stage_game", "threshold", "unit_payoffs",
    "windows",
]
