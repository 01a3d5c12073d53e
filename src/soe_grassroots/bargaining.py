"""Sharing the gains of cooperation: the core, the Shapley value, Nash bargaining.

Under an agreement the SOE (M) and the grassroots organization (R) earn the
cooperative total ``E_T^C = U/4`` together, where ``U = T (x - y h)**2 / y``.
Their payoffs are **transferable**: a side payment, or a different split of
the joint markup, moves money from one to the other one for one. How the
total is shared is then a bargaining question, and every answer here starts
from the **characteristic function**

* ``v({M, R}) = E_T^C``, what the two earn together, and
* ``v({M})``, ``v({R})``, what each earns without an agreement.

What a partner "earns without an agreement" is a modelling choice: here it is
its payoff in a non-cooperative regime, the **threat** (or disagreement
point), one of ``"nash"``, ``"soe_leads"`` or ``"grassroots_leads"``.

Every value below is a fixed multiple of ``U``. The numeric functions build it
from `soe_grassroots.regimes.solve`; `derive` obtains the same multiples with
sympy from the definitions (Nash product maximized, Shapley value averaged over
the orders of arrival, core inequalities solved), and ``tests/test_bargaining.py``
proves the two equal. sympy is imported only inside `derive`.

Examples
--------
>>> from soe_grassroots import EXAMPLE
>>> from soe_grassroots import bargaining
>>> [round(v, 4) for v in bargaining.core(EXAMPLE, "nash")]
[21.3333, 26.6667]
>>> [round(v, 4) for v in bargaining.nash_bargaining(EXAMPLE, "soe_leads")]
[30.0, 18.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from ._checks import scalar as _scalar
from .params import Params, as_real
from .regimes import solve

THREATS = ("nash", "soe_leads", "grassroots_leads")
"""The non-cooperative regimes that can serve as the disagreement point."""


def check_threat(threat: str, name: str = "threat") -> str:
    """Return ``threat`` if it is one of `THREATS`, else raise ``ValueError``.

    Parameters
    ----------
    threat : str
        The regime the partners fall back on without an agreement.
    name : str
        The argument's name in the caller, used in the message.

    Examples
    --------
    >>> check_threat("soe_leads")
    'soe_leads'
    >>> check_threat("cooperative", "disagreement")
    Traceback (most recent call last):
    ...
    ValueError: disagreement must be one of 'nash', 'soe_leads', 'grassroots_leads' (got 'cooperative')
    """
    if not isinstance(threat, str) or threat not in THREATS:
        valid = ", ".join(repr(t) for t in THREATS)
        raise ValueError(f"{name} must be one of {valid} (got {threat!r})")
    return threat


def _check_params(params) -> Params:
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params instance (got {type(params).__name__})")
    return params


def characteristic_function(params: Params, threat: str = "nash") -> dict:
    """The values ``v`` of the two-player game with transferable utility.

    Parameters
    ----------
    params : Params
        The game's parameters (floats or broadcasting arrays).
    threat : str
        The regime that sets what each partner earns alone: ``"nash"``,
        ``"soe_leads"`` or ``"grassroots_leads"``.

    Returns
    -------
    dict
        ``{"M": v({M}), "R": v({R}), "MR": v({M, R})}``, with ``v({M})`` and
        ``v({R})`` the payoffs in the threat regime and ``v({M, R}) = E_T^C``.

    Raises
    ------
    ValueError
        If ``threat`` is not one of `THREATS`, or ``params`` is not a `Params`.

    Examples
    --------
    >>> from soe_grassroots import Params
    >>> v = characteristic_function(Params(x=7, y=1, h=1, T_M=1, T_R=1), "nash")
    >>> v["M"], v["R"], v["MR"]
    (4.0, 4.0, 9.0)
    """
    check_threat(threat)
    _check_params(params)
    fallback, together = solve(params, threat), solve(params, "cooperative")
    return {"M": fallback.E_M, "R": fallback.E_R, "MR": together.E_T}


def core(params: Params, threat: str = "nash") -> tuple:
    """The interval of M's payoff in the core.

    A split ``(E_M, E_R)`` of ``E_T^C`` is in the **core** when no coalition
    can do better on its own: ``E_M >= v({M})``, ``E_R >= v({R})`` and
    ``E_M + E_R = v({M, R})``. With two players that leaves M an interval.

    Parameters
    ----------
    params : Params
    threat : str
        ``"nash"``, ``"soe_leads"`` or ``"grassroots_leads"``.

    Returns
    -------
    tuple of float or array
        ``(lo, hi) = (v({M}), v({M, R}) - v({R}))``; R gets ``E_T^C`` minus M's.

    Raises
    ------
    ValueError
        If ``threat`` is not one of `THREATS`, or ``params`` is not a `Params`.

    Examples
    --------
    >>> from soe_grassroots import Params
    >>> core(Params(x=7, y=1, h=1, T_M=1, T_R=1), "nash")  # U = 36: from U/9 to 5U/36
    (4.0, 5.0)
    """
    v = characteristic_function(params, threat)
    return _scalar(v["M"]), _scalar(v["MR"] - v["R"])


def shapley(params: Params, threat: str = "nash") -> tuple:
    """The Shapley value: each partner's marginal contribution, averaged over orders.

    With two players there are two orders of arrival. Arriving first, M brings
    ``v({M})``; arriving second, it brings ``v({M, R}) - v({R})``. The average
    gives each its threat value plus half the gain from cooperating.

    Parameters
    ----------
    params : Params
    threat : str
        ``"nash"``, ``"soe_leads"`` or ``"grassroots_leads"``.

    Returns
    -------
    tuple of float or array
        ``(E_M, E_R)``, summing to ``E_T^C``.

    Raises
    ------
    ValueError
        If ``threat`` is not one of `THREATS`, or ``params`` is not a `Params`.

    Examples
    --------
    >>> from soe_grassroots import Params
    >>> shapley(Params(x=7, y=1, h=1, T_M=1, T_R=1), "nash")  # U/8 each
    (4.5, 4.5)
    """
    v = characteristic_function(params, threat)
    gain = v["MR"] - v["M"] - v["R"]
    return _scalar(v["M"] + gain / 2), _scalar(v["R"] + gain / 2)


def nash_bargaining(params: Params, disagreement: str = "nash", weight=0.5) -> tuple:
    """The (weighted) Nash bargaining solution over ``E_T^C``.

    It maximizes ``(E_M - d_M)**w * (E_R - d_R)**(1 - w)`` over the splits
    ``E_M + E_R = E_T^C``, where ``d`` is the disagreement point and ``w`` is
    M's bargaining weight. The maximum is
    ``E_M = d_M + w (E_T^C - d_M - d_R)``: each side gets its disagreement
    payoff and a share of the gain in proportion to its weight.

    Parameters
    ----------
    params : Params
    disagreement : str
        The regime giving ``d = (d_M, d_R)``: ``"nash"``, ``"soe_leads"`` or
        ``"grassroots_leads"``.
    weight : float or array_like
        M's bargaining weight, in ``[0, 1]``; ``0.5`` is the symmetric solution.

    Returns
    -------
    tuple of float or array
        ``(E_M, E_R)``.

    Raises
    ------
    ValueError
        If ``disagreement`` is not one of `THREATS`, ``weight`` is not a real
        number (or array) in ``[0, 1]``, or ``params`` is not a `Params`.

    Examples
    --------
    >>> from soe_grassroots import Params
    >>> p = Params(x=7, y=1, h=1, T_M=1, T_R=1)  # U = 36
    >>> nash_bargaining(p, "soe_leads")  # (5U/32, 3U/32)
    (5.625, 3.375)
    >>> nash_bargaining(p, "nash", weight=1.2)
    Traceback (most recent call last):
    ...
    ValueError: weight must be in [0, 1] (got weight=1.2)
    """
    check_threat(disagreement, "disagreement")
    weight = as_real("weight", weight)
    w = np.asarray(weight)
    bad = (w < 0) | (w > 1)
    if np.any(bad):
        raise ValueError(f"weight must be in [0, 1] (got weight={float(w[bad].flat[0]) if w.ndim else weight!r})")
    v = characteristic_function(params, disagreement)
    gain = v["MR"] - v["M"] - v["R"]
    return _scalar(v["M"] + weight * gain), _scalar(v["R"] + (1 - weight) * gain)


def share_interval(threat: str = "nash", exact: bool = False) -> tuple:
    """M's share of ``E_T^C`` at the two ends of the core (the same for all parameters).

    The one share interval of the package: `soe_grassroots.errata.share_interval`
    calls it. The ends are ``v({M}) / v({M, R})`` and ``1 - v({R}) / v({M, R})``,
    from `derive` (sympy); strictly inside, both partners are better off than
    under the threat.

    Parameters
    ----------
    threat : str
        ``"nash"``, ``"soe_leads"`` or ``"grassroots_leads"``.
    exact : bool
        Return sympy numbers instead of floats.

    Returns
    -------
    tuple of float (or of sympy numbers if ``exact``)
        ``(lo, hi)``: a split is in the core when M's share is in ``[lo, hi]``.

    Examples
    --------
    >>> [round(s, 4) for s in share_interval("nash")]  # 4/9 and 5/9
    [0.4444, 0.5556]
    >>> share_interval("soe_leads", exact=True)
    (1/2, 3/4)
    """
    d = derive(threat)
    ends = tuple(end / d.v["MR"] for end in d.core)
    return ends if exact else tuple(float(end) for end in ends)


@dataclass(frozen=True)
class Derivation:
    """The bargaining results for one threat, as multiples of ``U`` (from sympy).

    Attributes
    ----------
    threat : str
    v : dict
        ``{"M": ..., "R": ..., "MR": ...}``: the characteristic function over ``U``.
    core : tuple
        M's payoff over ``U`` at the two ends of the core.
    shapley : tuple
        ``(E_M, E_R)`` over ``U``.
    nash : tuple
        ``(E_M, E_R)`` over ``U`` of the weighted Nash bargaining solution, in
        terms of the symbol ``w`` (M's weight).
    w : sympy.Symbol
        The weight symbol.
    """

    threat: str
    v: dict
    core: tuple
    shapley: tuple
    nash: tuple
    w: Any


@cache
def derive(threat: str = "nash") -> Derivation:
    """Derive the characteristic function, core, Shapley value and Nash bargaining with sympy.

    Each result is worked out from its definition: the payoffs of the threat
    regime and of cooperation come from `soe_grassroots.symbolic.derive`;
    the core solves the inequalities ``E_M >= v({M})`` and
    ``v({M, R}) - E_M >= v({R})``; the Shapley value averages marginal
    contributions over both orders of arrival; the Nash solution sets the
    derivative of the log of the Nash product to zero. Dividing by
    ``U = T_M T_R (x - y h)**2 / y`` (`soe_grassroots.symbolic.U`) leaves numbers.

    Examples
    --------
    >>> d = derive("soe_leads")
    >>> d.v
    {'M': 1/8, 'R': 1/16, 'MR': 1/4}
    >>> d.nash
    (w/16 + 1/8, 1/8 - w/16)
    """
    import itertools

    import sympy as sp

    from . import symbolic as S

    check_threat(threat)
    unit = S.U
    fallback, together = S.derive(threat), S.derive("cooperative")
    v = {"M": fallback.E_M, "R": fallback.E_R, "MR": together.E_T}
    v = {k: sp.simplify(value / unit) for k, value in v.items()}
    if not all(value.is_number for value in v.values()):  # pragma: no cover - a derivation error
        raise AssertionError(f"characteristic function is not a multiple of U: {v}")

    def value(coalition) -> sp.Expr:
        return v["".join(sorted(coalition, key="MR".index))] if coalition else sp.Integer(0)

    e = sp.Symbol("E_M", real=True)
    core_set = sp.solve([e >= v["M"], v["MR"] - e >= v["R"]], e).as_set()
    orders = list(itertools.permutations("MR"))
    phi = {}
    for player in "MR":
        total = 0
        for order in orders:
            before = set(order[: order.index(player)])
            total += value(before | {player}) - value(before)
        phi[player] = sp.nsimplify(total / len(orders))
    w = sp.Symbol("w", positive=True)
    log_product = w * sp.log(e - v["M"]) + (1 - w) * sp.log(v["MR"] - e - v["R"])
    (e_star,) = sp.solve(sp.diff(log_product, e), e)
    e_star = sp.expand(e_star)
    return Derivation(threat, v, (core_set.inf, core_set.sup), (phi["M"], phi["R"]),
                      (e_star, sp.expand(v["MR"] - e_star)), w)


class SplitDiagram:
    """The bargaining chapter's figure: where the split of ``E_T^C`` lands.

    Left: the partners' payoffs ``(E_M, E_R)``. Agreements lie on the line
    ``E_M + E_R = E_T^C``; the three disagreement points sit below it (one
    colour per regime); the core for the chosen threat is the thick stretch
    of the line; the shares that grim trigger with Nash reversion can sustain
    at some ``delta < 1`` (strictly between the ends of the Nash core) are
    shaded; the black point is the
    weighted Nash bargaining split. Right: M's and R's payoffs at that split
    next to their disagreement payoffs, and the beneficiaries' surplus, which
    the split does not move.

    Parameters
    ----------
    params : Params
    weight : float
        M's bargaining weight in ``[0, 1]``.
    threat : str
        The disagreement regime.
    """

    def __init__(self, params: Params, weight: float = 0.5, threat: str = "nash"):
        from . import plots
        from .plots import COLORS, PLAYER_COLORS, new_figure
        from .regimes import LABELS

        font = plots.FONT_SIZES["page"]
        self.fig, (self.ax, self.ax_bar) = new_figure(plots.PAGE_WIDTH, 4.6, ncols=2)
        ax = self.ax
        (self.frontier,) = ax.plot([], [], color=COLORS["cooperative"], lw=1.5,
                                   label="agreements")
        (self.band,) = ax.plot([], [], color="0.75", lw=11, solid_capstyle="butt", zorder=0,
                               label="self-enforcing shares (Nash reversion)")
        (self.core_line,) = ax.plot([], [], lw=4, solid_capstyle="butt", label="core")
        self.points = {}
        for r in THREATS:
            (self.points[r],) = ax.plot([], [], "o", color=COLORS[r], ms=7, label=f"fallback {LABELS[r]}")
        (self.guide,) = ax.plot([], [], ls=":", color="0.3", lw=1)
        (self.split,) = ax.plot([], [], "D", color="black", ms=7, label="Nash split")
        ax.set_xlabel("SOE payoff $E_M$")
        ax.set_ylabel("grassroots payoff $E_R$")
        pos = np.arange(3)
        colors = [PLAYER_COLORS["M"], PLAYER_COLORS["R"], PLAYER_COLORS["poor"]]
        self.bars = self.ax_bar.bar(pos, np.zeros(3), color=colors, edgecolor="black", width=0.6)
        self.ticks = [self.ax_bar.plot([], [], color="black", lw=2, ls="--")[0] for _ in range(2)]
        self.ax_bar.set_xticks(pos, ["$E_M$", "$E_R$", "$S_B$"])
        self.ax_bar.set_ylabel("payoff or surplus")
        self.ax_bar.spines["left"].set_visible(True)
        self.text = self.ax_bar.text(0.02, 1.0, "", transform=self.ax_bar.transAxes, va="bottom",
                                     fontsize=font)
        self.dynamic = [self.split, self.guide, *self.bars[:2], self.text]
        self.update(params, weight, threat)
        handles, labels = ax.get_legend_handles_labels()
        self.fig.legend(handles + self.ticks[:1], labels + ["no-agreement payoff"],
                        loc="outside lower center", ncols=3, fontsize=font, frameon=False,
                        handlelength=1.5, columnspacing=1.0)

    def update(self, params: Params, weight: float = 0.5, threat: str = "nash") -> None:
        """Redraw for new parameters, a new weight or a new threat."""
        from .plots import COLORS
        from .regimes import NAMES

        total = solve(params, "cooperative").E_T
        self.frontier.set_data([0, total], [total, 0])
        lo, hi = core(params, threat)
        self.core_line.set_data([lo, hi], [total - lo, total - hi])
        self.core_line.set_color(COLORS[threat])
        s_lo, s_hi = core(params, "nash")
        self.band.set_data([s_lo, s_hi], [total - s_lo, total - s_hi])
        for r, point in self.points.items():
            d = solve(params, r)
            point.set_data([d.E_M], [d.E_R])
            point.set_markersize(10 if r == threat else 6)
            point.set_alpha(1.0 if r == threat else 0.5)
        d = solve(params, threat)
        E_M, E_R = nash_bargaining(params, threat, weight)
        self.split.set_data([E_M], [E_R])
        self.guide.set_data([d.E_M, E_M, E_M], [d.E_R, d.E_R, E_R])
        self.ax.set_xlim(0, total * 1.05)
        self.ax.set_ylim(0, total * 1.05)
        S_B = solve(params, "cooperative").S_B
        for bar, height in zip(self.bars, (E_M, E_R, S_B)):
            bar.set_height(height)
        for i, (tick, value) in enumerate(zip(self.ticks, (d.E_M, d.E_R))):
            tick.set_data([i - 0.38, i + 0.38], [value, value])
        self.ax_bar.set_ylim(0, max(total, S_B) * 1.15)
        share = E_M / total
        self.text.set_text(f"w = {weight:.2f}: SOE share {share:.3f}")
        in_core = "inside" if lo - 1e-12 * total <= E_M <= hi + 1e-12 * total else "outside"
        self.alt = (
            f"Payoff plane with the agreements line E_M + E_R = {total:.2f}. With {NAMES[threat]} as the "
            f"disagreement point ({d.E_M:.2f}, {d.E_R:.2f}) and SOE bargaining weight {weight:.2f}, the Nash "
            f"bargaining split gives the SOE {E_M:.2f} and the grassroots organization {E_R:.2f} (SOE share "
            f"{share:.3f}), {in_core} the core from {lo:.2f} to {hi:.2f} for the SOE. The beneficiaries' "
            f"surplus stays at {S_B:.2f} whatever the split."
        )


def explore_bargaining(params: Params | None = None, threat: str = "nash", *, size: str = "page"):
    """The bargaining chapter's explorer: M's bargaining weight on the main slider.

    The other controls (the threat, the five parameters) work in a live notebook.
    ``size="projector"`` draws it larger, for a class (as the other explorers).

    Examples
    --------
    >>> e = explore_bargaining()
    >>> e.state["weight"], len(e.frames) == len(e.values)
    (0.5, True)
    """
    import ipywidgets as W

    from .widgets import PARAM_SLIDERS, Explorer, start_state

    check_threat(threat)
    state = start_state(params, weight=0.5, threat=threat)
    dropdown = W.Dropdown(options=[("simultaneous moves (Nash)", "nash"), ("SOE leads", "soe_leads"),
                                   ("grassroots organization leads", "grassroots_leads")],
                          value=threat, description="fallback")
    return Explorer(SplitDiagram, state, "weight", np.round(np.linspace(0, 1, 11), 2),
                    "SOE bargaining weight w", PARAM_SLIDERS, extra={"threat": dropdown}, size=size)
