"""From the model to policy: levers, comparative statics and the policy lab.

The chapter "From the model to policy" (label ``ch-policy``) reads each of the
five recommendations of Lin & Xia (2025) as a move of one or more **levers**
of the model. That reading is the book's, not the paper's. A lever is either a
parameter of the one-shot game (``x``, ``y``, ``h``, ``T_M``, ``T_R``) or a
term of the repeated game of chapter ``ch-repeated`` (the discount factor
``delta``, the one-off penalty ``F`` paid by a partner who breaches, and the
SOE's share ``theta`` of the cooperative total; the package's argument is
``share``).

* `derivative`, `elasticity` and `sign` give the comparative statics of every
  regime's payoffs, households served and beneficiaries' surplus, with sympy
  (imported inside the functions).
* `elasticities` and `lever_effect` evaluate them for numbers.
* `thresholds`, `window` and `critical_discount` derive the patience that grim
  trigger needs, as a function of the penalty and the share.
* `punishments` compares what follows a breach: the patience each punishment
  needs and what it costs the households.
* `PolicyLab` and `explore_policy` are the chapter's explorer.

Examples
--------
>>> from soe_grassroots import EXAMPLE
>>> sign("h", "Q", "nash"), sign("T_R", "S_B", "cooperative")
(-1, 1)
>>> round(elasticities(EXAMPLE, "h")["E_T"], 4)
-0.5
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from . import repeated
from .params import Params, as_real
from .regimes import REGIMES, check_regime, solve


@dataclass(frozen=True)
class Lever:
    """Something a policy can move in the model.

    Attributes
    ----------
    name : str
        The key (``"x"``, ``"h"``, ``"delta"``, ...).
    label : str
        A short description for tables and the explorer.
    math : str
        The symbol in LaTeX.
    game : str
        ``"stage"`` for a parameter of the one-shot game, ``"repeated"`` for a
        term of the repeated game.
    """

    name: str
    label: str
    math: str
    game: str


LEVERS = {
    "x": Lever("x", "demand intercept x (households' need and reach)", "x", "stage"),
    "y": Lever("y", "demand slope y (households' price sensitivity)", "y", "stage"),
    "h": Lever("h", "unit cost h", "h", "stage"),
    "T_M": Lever("T_M", "SOE reputation T_M", "T_M", "stage"),
    "T_R": Lever("T_R", "grassroots driving role T_R", "T_R", "stage"),
    "delta": Lever("delta", "discount factor \u03b4 (weight of the future)", r"\delta", "repeated"),
    "F": Lever("F", "one-off penalty F for a breach", "F", "repeated"),
    "theta": Lever("theta", "SOE's share \u03b8 of the cooperative total", r"\theta", "repeated"),
}
"""Every lever of the book's reading, by name."""

STAGE_LEVERS = tuple(k for k, v in LEVERS.items() if v.game == "stage")
"""The levers that are parameters of the one-shot game (the policy lab's dropdown)."""

QUANTITIES = ("E_M", "E_R", "E_T", "Q", "S_B")
"""The outcomes the chapter follows: both payoffs, their total, households served, surplus."""


@dataclass(frozen=True)
class Recommendation:
    """One of the paper's five recommendations and the book's reading of it.

    Attributes
    ----------
    number : int
        Its place in the paper's list (1 to 5).
    title : str
        A short title, in our words.
    moves : dict of str to int
        Lever name -> direction, the book's reading: +1 raises the lever, -1
        lowers it, 0 holds it at its best value (for the share ``theta``: near 1/2).
    reading : str
        Why the book reads it as those moves.
    gap : str
        What the model does not capture, and what it would need.
    """

    number: int
    title: str
    moves: dict
    reading: str
    gap: str


RECOMMENDATIONS = (
    Recommendation(
        1, "resource integration and a shared information platform", {"h": -1, "x": +1},
        "pooling the SOE's market data with the village's household records makes each eligible household "
        "cheaper to find and serve (h falls) and brings in households that were missed (x rises)",
        "the model already assumes complete information, so the platform's main job, letting each partner see "
        "what the other does, has no counterpart; a model with imperfect monitoring or targeting errors would "
        "need it"),
    Recommendation(
        2, "a long-term mechanism: joint meetings, working groups, indicators and accountability",
        {"delta": +1, "F": +1},
        "meeting regularly shortens the time between decisions and makes the partnership expected to last, so "
        "the future weighs more (delta rises); accountability attaches a cost to a breach (F rises)",
        "trust as a belief about the partner's character is not in the model; it would need incomplete "
        "information about types and reputation-building"),
    Recommendation(
        3, "industrial-chain cooperation: order procurement, sales channels, training",
        {"x": +1, "T_R": +1, "h": -1},
        "guaranteed orders and sales channels raise what the service is worth to households (x rises); "
        "training raises the grassroots organization's capacity to mobilize (T_R rises); technical support "
        "cuts the cost of delivery (h falls)",
        "a chain with several stages and investment in productive capacity is beyond one service with two "
        "markups; the chapter on many partners adds stages"),
    Recommendation(
        4, "public-welfare and social-responsibility projects: infrastructure, scholarships",
        {"h": -1, "T_M": +1},
        "roads, water and communications lower the cost of reaching households (h falls); visible projects "
        "raise the SOE's standing in the villages (T_M rises)",
        "scholarships and school facilities pay off over years, through households' own capabilities; a "
        "static model with fixed demand cannot show that; it would need household capability that grows "
        "with investment"),
    Recommendation(
        5, "supervision, evaluation indicators, information disclosure and accountability",
        {"F": +1, "theta": 0},
        "audits and accountability make a breach costly (F rises); disclosure of fund flows makes the agreed "
        "split verifiable, which helps keep theta near the middle, where cooperation needs the least patience",
        "detection is certain in the model; real audits catch a breach only with some probability, so a model "
        "would need a detection probability lambda and an expected penalty lambda F"),
)
"""The five recommendations in the paper's order, with the book's reading."""


def check_lever(lever: str, levers=tuple(LEVERS)) -> str:
    """Return ``lever`` if it is a known lever, else raise ``ValueError``.

    Examples
    --------
    >>> check_lever("subsidy")
    Traceback (most recent call last):
    ...
    ValueError: lever must be one of 'x', 'y', 'h', 'T_M', 'T_R', 'delta', 'F', 'theta' (got 'subsidy')
    """
    if not isinstance(lever, str) or lever not in levers:
        valid = ", ".join(repr(k) for k in levers)
        raise ValueError(f"lever must be one of {valid} (got {lever!r})")
    return lever


def _check_quantity(quantity: str) -> str:
    if quantity not in QUANTITIES:
        valid = ", ".join(repr(q) for q in QUANTITIES)
        raise ValueError(f"quantity must be one of {valid} (got {quantity!r})")
    return quantity


def derivative(lever: str, quantity: str, regime: str):
    """``d quantity / d lever`` in ``regime``, derived with sympy.

    Parameters
    ----------
    lever : str
        One of `STAGE_LEVERS`.
    quantity : str
        One of `QUANTITIES`.
    regime : str
        One of `soe_grassroots.REGIMES`.

    Examples
    --------
    >>> derivative("T_R", "Q", "nash")
    T_M*(-h*y + x)/3
    """
    import sympy as sp

    from . import symbolic

    check_lever(lever, STAGE_LEVERS)
    _check_quantity(quantity)
    check_regime(regime)
    expr = getattr(symbolic.derive(regime), quantity)
    return sp.factor(sp.diff(expr, getattr(symbolic, lever)))


def elasticity(lever: str, quantity: str, regime: str):
    """The elasticity ``(d quantity / d lever) * lever / quantity``, derived with sympy.

    The percentage change of ``quantity`` per one per cent change of the lever.

    Examples
    --------
    >>> elasticity("h", "E_T", "cooperative")
    -2*h*y/(-h*y + x)
    >>> elasticity("T_M", "S_B", "soe_leads")
    1
    """
    import sympy as sp

    from . import symbolic

    expr = getattr(symbolic.derive(regime), quantity)
    return sp.factor(sp.simplify(derivative(lever, quantity, regime) * getattr(symbolic, lever) / expr))


def sign(lever: str, quantity: str, regime: str) -> int:
    """The sign of ``d quantity / d lever`` over every valid parameter set (sympy).

    Valid means ``x > y h`` with ``y, T_M, T_R > 0``; sympy's symbols take
    ``h > 0``. At ``h = 0`` one derivative vanishes: the households served do
    not depend on ``y`` when the service costs nothing (see the chapter).

    Returns
    -------
    int
        ``+1`` or ``-1``; ``0`` if the derivative is identically zero.

    Raises
    ------
    ArithmeticError
        If sympy cannot decide the sign.

    Examples
    --------
    >>> [sign(k, "E_T", "nash") for k in STAGE_LEVERS]
    [1, -1, -1, 1, 1]
    """
    from . import symbolic

    d = derivative(lever, quantity, regime)
    if d == 0:
        return 0
    if symbolic.positive(d):
        return 1
    if symbolic.positive(-d):
        return -1
    raise ArithmeticError(f"sympy could not decide the sign of d{quantity}/d{lever} in {regime}: {d}")


def same_in_every_regime(lever: str, quantity: str) -> bool:
    """Whether the elasticity is the same expression in all four regimes (sympy).

    Examples
    --------
    >>> same_in_every_regime("h", "Q")
    True
    """
    import sympy as sp

    first = elasticity(lever, quantity, REGIMES[0])
    return all(sp.simplify(elasticity(lever, quantity, r) - first) == 0 for r in REGIMES[1:])


@cache
def _elasticity_function(lever: str, quantity: str):
    import sympy as sp

    from . import symbolic

    args = (symbolic.x, symbolic.y, symbolic.h, symbolic.T_M, symbolic.T_R)
    return sp.lambdify(args, elasticity(lever, quantity, "nash"), "numpy")


def elasticities(params: Params, lever: str) -> dict:
    """The elasticity of each of `QUANTITIES` with respect to ``lever``, as numbers.

    The same in every regime (`same_in_every_regime`, proved in the tests), so
    no regime is named. Lambdified from `elasticity`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> {q: round(float(v), 3) for q, v in elasticities(EXAMPLE, "x").items()}
    {'E_M': 2.5, 'E_R': 2.5, 'E_T': 2.5, 'Q': 1.25, 'S_B': 2.5}
    """
    check_lever(lever, STAGE_LEVERS)
    values = (params.x, params.y, params.h, params.T_M, params.T_R)
    out = {}
    for q in QUANTITIES:
        v = _elasticity_function(lever, q)(*values) + 0.0 * params.x  # broadcast constants
        out[q] = float(v) if np.ndim(v) == 0 else v
    return out


@dataclass(frozen=True)
class LeverEffect:
    """What moving one lever of the one-shot game does in every regime.

    Attributes
    ----------
    lever : str
    change : float
        The relative change, e.g. ``0.1`` for +10 %.
    before, after : dict of str to Outcome
        Each regime's outcome before and after the move.
    percent : dict of str to float
        The percentage change of each of `QUANTITIES`, the same in every regime.
    """

    lever: str
    change: float
    before: dict
    after: dict
    percent: dict


def lever_effect(params: Params, lever: str, change: float) -> LeverEffect:
    """Move ``lever`` by the relative amount ``change`` and solve every regime again.

    Parameters
    ----------
    params : Params
        The starting parameters (single numbers).
    lever : str
        One of `STAGE_LEVERS`.
    change : float
        Relative change, ``> -1`` (``0.1`` raises the lever by 10 %).

    Raises
    ------
    ValueError
        For an unknown lever, a change ``<= -1``, or a move that breaks the
        model's rules (the message of `Params` says which).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> e = lever_effect(EXAMPLE, "T_R", 0.1)
    >>> round(e.percent["Q"], 6), round(e.after["nash"].Q, 6)
    (10.0, 8.8)
    """
    check_lever(lever, STAGE_LEVERS)
    value = as_real("change", change)
    if np.ndim(value) or value <= -1:
        raise ValueError(f"change must be a single number > -1 (got change={value!r})")
    change = float(value)
    moved = params.replace(**{lever: getattr(params, lever) * (1 + change)})
    before = {r: solve(params, r) for r in REGIMES}
    after = {r: solve(moved, r) for r in REGIMES}
    ref = "cooperative"
    percent = {q: 100 * (getattr(after[ref], q) / getattr(before[ref], q) - 1) for q in QUANTITIES}
    return LeverEffect(lever, change, before, after, percent)


def thresholds():
    """Each partner's critical discount factor under grim trigger, derived with sympy.

    The agreement splits the joint markup ``a/(2y)`` as ``theta : 1 - theta``
    (M's share ``theta``). A partner who breaches plays its best reply to the
    other's agreed markup once, pays the penalty ``f = F/U`` (in units of
    ``U = T a**2 / y``), and Nash markups follow for ever. In the book's
    notation ``(c, d, p)`` of chapter ``ch-repeated`` (units of ``U``): ``c_i``
    while both keep the agreement, ``d_i`` in the period ``i`` breaches, ``p_i``
    in each period of the punishment. Cooperation pays partner ``i`` iff
    ``delta * (d_i - f - p_i) >= d_i - f - c_i``.

    Returns
    -------
    dict
        ``"c"``, ``"d"``, ``"p"`` (dicts by partner ``"M"``, ``"R"``) and
        ``"delta"`` (dict by partner: ``(d - f - c) / (d - f - p)``, the
        threshold wherever the gain from breaching is positive and ``c > p``),
        plus the symbols ``"theta"`` and ``"f"``.

    Examples
    --------
    >>> t = thresholds()
    >>> t["delta"]["M"].subs({t["theta"]: 1/2, t["f"]: 0})
    0.529411764705882
    >>> t["c"]["M"], t["p"]["M"]
    (theta/4, 1/9)
    >>> sorted(map(str, t["delta"]["R"].free_symbols))  # no parameter of the one-shot game is left
    ['f', 'theta']
    """
    import sympy as sp

    from . import symbolic

    theta, f = sp.Symbol("theta", nonnegative=True), sp.Symbol("f", nonnegative=True)
    a, y = symbolic.a, symbolic.y
    U = symbolic.in_terms_of_a(symbolic.U)
    E = {k: symbolic.in_terms_of_a(v) for k, v in symbolic.payoffs().items()}
    br = {k: symbolic.in_terms_of_a(v) for k, v in symbolic.best_responses().items()}
    agreed = {"M": theta * a / (2 * y), "R": (1 - theta) * a / (2 * y)}
    mark = {"M": symbolic.m_M, "R": symbolic.m_R}
    other = {"M": "R", "R": "M"}
    c, d, p, delta = {}, {}, {}, {}
    nash = sp.simplify(symbolic.in_terms_of_a(symbolic.derive("nash").E_M) / U)
    for i in ("M", "R"):
        j = other[i]
        c[i] = sp.factor(sp.simplify(E[i].subs({mark[i]: agreed[i], mark[j]: agreed[j]}) / U))
        reply = br[i].subs(mark[j], agreed[j])
        d[i] = sp.factor(sp.simplify(E[i].subs({mark[i]: reply, mark[j]: agreed[j]}) / U))
        p[i] = nash
        delta[i] = sp.factor((d[i] - f - c[i]) / (d[i] - f - p[i]))
    return {"c": c, "d": d, "p": p, "delta": delta, "theta": theta, "f": f}


def _check_terms(penalty_share, share):
    f = as_real("penalty_share", penalty_share)
    s = as_real("share", share)
    if np.ndim(f) or f < 0:
        raise ValueError(f"penalty_share must be a single number >= 0 (got penalty_share={f!r})")
    if np.ndim(s) or not 0 <= s <= 1:
        raise ValueError(f"share must be a single number in [0, 1] (got share={s!r})")
    return float(f), float(s)


def window(penalty_share: float = 0.0, share: float = 0.5) -> tuple:
    """The discount factors ``delta`` in [0, 1) at which grim trigger holds for both partners.

    Best breach against the partner's agreed markup, Nash reversion, a one-off
    penalty ``f = F/U`` paid by the breacher. For each partner the gain from
    keeping the agreement, times ``1 - delta``, is the straight line
    ``(c - d + f) (1 - delta) + (c - p) delta`` (`thresholds`), so the set is
    an interval ``[low, high]``:

    * inside the share band ``4/9 < theta < 5/9`` it is ``[delta*, 1)``
      (``high = 1.0``), with ``delta* = 0`` once the penalty exceeds the gain
      from breaching;
    * outside the band a partner's agreed payoff ``c`` is below its punishment
      payoff ``p``: with no penalty, or a small one, no ``delta`` works; with a
      penalty above its one-period gain ``d - c`` cooperation holds only for
      ``delta`` up to a bound ``high < 1``, because a patient partner prefers
      the punishment path to its small share.

    Returns
    -------
    tuple of float
        ``(low, high)``; ``(inf, -inf)`` if no ``delta`` works.

    Examples
    --------
    >>> window(0.0, 0.5)[1], window(0.0, 0.4)
    (1.0, (inf, -inf))
    >>> low, high = window(0.05, 0.42)  # a large penalty outside the band
    >>> low, round(high, 4)
    (0.0, 0.8258)
    """
    f, s = _check_terms(penalty_share, share)
    low, high = repeated.unit_windows(s, "best", "nash", f)["both"]
    return low, high


def critical_discount(penalty_share: float = 0.0, share: float = 0.5) -> float:
    """The smallest discount factor at which grim trigger holds for both partners (``window(...)[0]``).

    Best breach against the partner's agreed markup, Nash reversion, a one-off
    penalty ``f = F/U`` (in units of ``U``) paid by the breacher. Returns
    ``math.inf`` if no discount factor works. ``0.0`` means that cooperation
    holds at ``delta = 0``; inside the share band it then holds at every
    ``delta``, outside it only up to the bound that `window` gives. The
    repeated-game chapter's module gives the same threshold with more options;
    the tests compare the two.

    Parameters
    ----------
    penalty_share : float
        ``F/U``, finite and ``>= 0``.
    share : float
        M's share ``theta`` of the cooperative total, in ``[0, 1]``.

    Examples
    --------
    >>> round(critical_discount(0.0), 6), critical_discount(1/64), critical_discount(0.0, share=0.4)
    (0.529412, 0.0, inf)
    """
    return window(penalty_share, share)[0]


PUNISHMENTS = {
    "nash": "Nash markups for ever",
    "breakdown": "breakdown for ever",
    "short": "one period of breakdown, then back to the agreement",
    "fine": "a penalty F, then back to the agreement",
}
"""What follows a breach, in the order of the chapter's table (their theory: ``ch-enforcement``)."""


@dataclass(frozen=True)
class Punishment:
    """What one punishment asks of the partners and costs the households (equal split, units of ``U``).

    Attributes
    ----------
    name, label : str
        A key of `PUNISHMENTS` and its description.
    holds_from : dict of str to sympy number
        By kind of breach (``"best"``, ``"matrix"``): the smallest ``delta`` at
        which keeping the agreement beats breaching (``0`` if every ``delta``
        works, ``oo`` if none does).
    surplus : sympy number
        The beneficiaries' surplus ``S_B / U`` in each period of the punishment.
    periods : sympy number
        How many periods the punishment lasts (``oo`` for ever, ``0`` if
        nothing follows the penalty).
    """

    name: str
    label: str
    holds_from: dict
    surplus: Any
    periods: Any


def punishments(fine=None) -> dict:
    """Each punishment of `PUNISHMENTS`, derived with sympy from the present values of keeping and breaching.

    At the equal split a partner's stage payoffs are ``c`` under the agreement
    and ``d`` in the period it breaches (`soe_grassroots.repeated.unit_payoffs`,
    units of ``U``). Keeping is worth ``c/(1 - delta)``. Breaching is worth
    ``d + delta p/(1 - delta)`` with Nash reversion (``p = 1/9``), ``d`` with
    breakdown for ever (nobody buys: ``0`` each period), ``d + delta**2 c/(1 -
    delta)`` with one period of breakdown, and ``d - f + delta c/(1 - delta)``
    with a penalty ``f = F/U`` and a return to the agreement. Breakdown is a
    Nash equilibrium of the pricing stage game, so every punishment here is
    carried out by stage-game best replies (the one-shot deviation principle
    of ``ch-repeated`` then needs only the breach to be checked).

    Parameters
    ----------
    fine : sympy number, optional
        ``f = F/U`` for ``"fine"``; default ``1/64``, the best breach's gain.

    Examples
    --------
    >>> {k: v.holds_from["best"] for k, v in punishments().items()}
    {'nash': 9/17, 'breakdown': 1/9, 'short': 1/8, 'fine': 0}
    >>> punishments()["nash"].surplus, punishments()["breakdown"].periods
    (1/18, oo)
    """
    import sympy as sp

    from . import repeated, symbolic

    fine = sp.Rational(1, 64) if fine is None else sp.nsimplify(fine)
    if fine < 0:
        raise ValueError(f"fine must be >= 0 (got fine={fine})")
    delta, theta, f = sp.symbols("delta theta f", real=True)  # the symbols of `repeated.derive_condition`
    U = symbolic.U
    nash_surplus = sp.simplify(symbolic.derive("nash").S_B / U)
    coop_surplus = sp.simplify(symbolic.derive("cooperative").S_B / U)
    holds: dict[str, dict[str, Any]] = {k: {} for k in PUNISHMENTS}
    at = {theta: sp.Rational(1, 2), f: 0}
    for breach in ("best", "matrix"):
        c, d, _ = repeated.unit_payoffs(sp.Rational(1, 2), breach, "nash")["M"]
        gains = {"nash": repeated.derive_condition(breach, "nash", "M").subs(at),
                 "breakdown": repeated.derive_condition(breach, "minmax", "M").subs(at),
                 "short": repeated.derive_condition(breach, "stick", "M", stick=1).subs(at),
                 # pay the fine and go on with the agreement: keep c/(1 - delta) against d - f + delta c/(1 - delta)
                 "fine": c / (1 - delta) - (d - fine + delta * c / (1 - delta))}
        for name, gain in gains.items():
            where = sp.solve_univariate_inequality(sp.factor(sp.together(gain)) >= 0, delta,
                                                   relational=False, domain=sp.Interval.Ropen(0, 1))
            holds[name][breach] = where.inf if where != sp.S.EmptySet else sp.oo
    surplus = {"nash": nash_surplus, "breakdown": sp.Integer(0), "short": sp.Integer(0), "fine": coop_surplus}
    periods = {"nash": sp.oo, "breakdown": sp.oo, "short": sp.Integer(1), "fine": sp.Integer(0)}
    return {k: Punishment(k, PUNISHMENTS[k], holds[k], surplus[k], periods[k]) for k in PUNISHMENTS}


class PolicyLab:
    """The policy lab: every regime's payoffs, households served and surplus after a lever moves.

    Three panels of bars, one bar per regime in the book's colours: the total
    payoff ``E_T`` (the SOE's part solid, the grassroots organization's part
    hatched), the households served ``Q`` and the beneficiaries' surplus
    ``S_B``. Dashed outlines mark the values before the move. Follows the plot
    protocol of `soe_grassroots.plots`.

    Parameters
    ----------
    params : Params
    lever : str
        One of `STAGE_LEVERS`.
    change : float
        The change of the lever in per cent (``-50`` to ``+50`` on the slider).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> lab = PolicyLab(EXAMPLE, lever="h", change=-20)
    >>> "unit cost h" in lab.alt
    True
    """

    RANGE = (-50.0, 50.0)

    def __init__(self, params: Params, lever: str = "h", change: float = 0.0):
        from .plots import COLORS, new_figure
        from .regimes import LABELS

        self.fig, axes = new_figure(7.0, 3.9, ncols=3)
        self.axes = dict(zip(("E_T", "Q", "S_B"), axes))
        pos = np.arange(len(REGIMES))
        colors = [COLORS[r] for r in REGIMES]
        self.base, self.bars = {}, {}
        for key, ax in self.axes.items():
            self.base[key] = ax.bar(pos, np.zeros(4), width=0.85, color="none", edgecolor="dimgrey",
                                    linestyle="--", linewidth=1.2)
            self.bars[key] = ax.bar(pos, np.zeros(4), width=0.55, color=colors)
            ax.set_xticks(pos, [LABELS[r] for r in REGIMES])
        self.bars_R = self.axes["E_T"].bar(pos, np.zeros(4), width=0.55, color=colors, alpha=0.45, hatch="//")
        self.axes["E_T"].set_ylabel("payoffs $E_M$ + $E_R$ (hatched)")
        self.axes["Q"].set_ylabel("households served $Q$")
        self.axes["S_B"].set_ylabel("beneficiaries' surplus $S_B$")
        self.text = self.fig.text(0.5, 0.995, "", ha="center", va="top")
        self.fig.get_layout_engine().set(rect=(0, 0, 1, 0.84))
        self.dynamic = [*self.bars["E_T"], *self.bars_R, *self.bars["Q"], *self.bars["S_B"], self.text]
        self.update(params, lever, change)

    def update(self, params: Params, lever: str = "h", change: float = 0.0) -> None:
        """Redraw for new parameters, another lever or another change (per cent)."""
        effect = lever_effect(params, lever, change / 100)
        for key, ax in self.axes.items():
            for i, r in enumerate(REGIMES):
                self.base[key][i].set_height(getattr(effect.before[r], key))
                self.bars[key][i].set_height(getattr(effect.after[r], key if key != "E_T" else "E_M"))
            top = max(getattr(effect.before["cooperative"], key), getattr(effect.after["cooperative"], key))
            ax.set_ylim(0, top * 1.08)  # cooperation has the largest E_T, Q and S_B
        for i, r in enumerate(REGIMES):
            self.bars_R[i].set_y(effect.after[r].E_M)
            self.bars_R[i].set_height(effect.after[r].E_R)
        pct = effect.percent
        name = LEVERS[lever].label
        self.text.set_text(
            f"{name}: {change:+.0f} %\nin every regime: payoffs {pct['E_T']:+.1f} %, "
            f"households served {pct['Q']:+.1f} %, surplus {pct['S_B']:+.1f} %")
        after = effect.after
        self.alt = (
            f"Policy lab: after a {change:+.0f} per cent change of the {name}, bar charts of the four regimes "
            f"show the total payoff (cooperation {after['cooperative'].E_T:.2f}, Nash {after['nash'].E_T:.2f}), "
            f"the households served (cooperation {after['cooperative'].Q:.2f}, Nash {after['nash'].Q:.2f}) and "
            f"the beneficiaries' surplus (cooperation {after['cooperative'].S_B:.2f}, Nash "
            f"{after['nash'].S_B:.2f}); dashed outlines show the values before the change. Every regime "
            f"changes by the same percentage: payoffs {pct['E_T']:+.1f} %, households served "
            f"{pct['Q']:+.1f} %, surplus {pct['S_B']:+.1f} %."
        )


def explore_policy(params: Params | None = None, lever: str = "h", *, size: str = "page"):
    """The chapter's policy lab: the change of the lever (per cent) is the main slider.

    A dropdown chooses the lever and sliders set the starting parameters in a
    live notebook. ``size="projector"`` draws it larger, for a classroom
    (see `soe_grassroots.widgets.Explorer`).
    """
    import ipywidgets as W

    from .widgets import PARAM_SLIDERS, Explorer, start_state

    check_lever(lever, STAGE_LEVERS)
    state = start_state(params, lever=lever, change=0.0)
    dropdown = W.Dropdown(options=[(LEVERS[k].label, k) for k in STAGE_LEVERS], value=lever,
                          description="lever", style={"description_width": "initial"})
    return Explorer(PolicyLab, state, "change", np.linspace(*PolicyLab.RANGE, 11),
                    "change of the lever (%)", PARAM_SLIDERS, extra={"lever": dropdown}, size=size)
