"""The model of ``ch-model``: price, demand, payoffs and the beneficiaries' surplus.

These few formulas are the whole model. They are plain arithmetic, so the same
functions work on floats, numpy arrays and sympy symbols: `soe_grassroots.symbolic`
derives the equilibria from exactly these definitions. The chapter's figure,
`MarketDiagram`, and its explorer, `explore_model`, close the module (matplotlib
and ipywidgets are imported only when they are used).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .params import Params, as_real


def price(h, m_M, m_R):
    """Unit price ``P = h + m_M + m_R`` (hypothesis 4 of the paper).

    Examples
    --------
    >>> price(2, 1, 0.5)
    3.5
    """
    return h + m_M + m_R


def demand(P, x, y, T_M, T_R):
    """Quantity served ``Q = T_M T_R (x - y P)`` (Eq. 1 of the paper).

    This is the paper's linear formula; it turns negative above the choke
    price ``x / y``. `evaluate` clips it at zero.

    Examples
    --------
    >>> demand(3, x=10, y=1, T_M=2, T_R=1)
    14
    """
    return T_M * T_R * (x - y * P)


def payoff(Q, m):
    """A player's payoff ``E_i = Q m_i``: its markup on every unit served.

    Examples
    --------
    >>> payoff(14, 0.5)
    7.0
    """
    return Q * m


def beneficiary_surplus(Q, y, T_M, T_R):
    """Surplus of the poor: the area under the demand curve above the price.

    With ``Q = T (x - y P)`` and ``T = T_M T_R`` the demand curve is a line
    from the choke price ``x / y`` down to ``P``; the triangle between them
    has area ``Q**2 / (2 y T)``. The paper does not count it.

    Examples
    --------
    >>> beneficiary_surplus(4, y=1, T_M=2, T_R=1)
    4.0
    """
    return Q**2 / (2 * y * T_M * T_R)


@dataclass(frozen=True)
class Outcome:
    """What one regime (or one pair of markups) leads to.

    Attributes
    ----------
    regime : str
        The regime's name (see `soe_grassroots.REGIMES`), or ``"given"`` for
        markups chosen by hand.
    m_M, m_R : float, array or sympy expression
        Markups of the SOE and of the grassroots organization.
    P : float, array or sympy expression
        Unit price ``h + m_M + m_R``.
    Q : float, array or sympy expression
        Quantity served.
    E_M, E_R, E_T : float, array or sympy expression
        Payoffs of M and R and their total.
    S_B : float, array or sympy expression
        Beneficiaries' surplus (not in the paper).
    W : float, array or sympy expression
        Total welfare ``E_T + S_B`` (not in the paper).
    """

    regime: str
    m_M: Any
    m_R: Any
    P: Any
    Q: Any
    E_M: Any
    E_R: Any
    E_T: Any
    S_B: Any
    W: Any

    def as_dict(self) -> dict:
        """The fields as a dict (without the regime's name)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "regime"}


def outcome(regime: str, params, m_M, m_R, clip: bool = False) -> Outcome:
    """Build the `Outcome` of markups ``m_M`` and ``m_R`` under ``params``.

    ``params`` needs attributes ``x, y, h, T_M, T_R`` (a `Params`, or sympy
    symbols). With ``clip=True`` demand is cut at zero above the choke price.
    """
    x, y, h, T_M, T_R = (params.x, params.y, params.h, params.T_M, params.T_R)
    P = price(h, m_M, m_R)
    Q = demand(P, x, y, T_M, T_R)
    if clip:
        Q = np.maximum(Q, 0.0)
        Q = float(Q) if np.ndim(Q) == 0 else Q
    E_M, E_R = payoff(Q, m_M), payoff(Q, m_R)
    S_B = beneficiary_surplus(Q, y, T_M, T_R)
    return Outcome(regime, m_M, m_R, P, Q, E_M, E_R, E_M + E_R, S_B, E_M + E_R + S_B)


def evaluate(params: Params, m_M, m_R) -> Outcome:
    """Payoffs when M and R charge the markups ``m_M`` and ``m_R``.

    Demand is Eq. (1) of the paper where it is positive and zero beyond the
    choke price ``x / y`` (no one buys; no one pays a negative quantity).

    Parameters
    ----------
    params : Params
        The game's parameters.
    m_M, m_R : float or array_like
        Markups, each finite and ``>= 0``; arrays broadcast with ``params``.

    Returns
    -------
    Outcome
        With ``regime="given"``.

    Examples
    --------
    >>> o = evaluate(Params(x=10, y=1, h=2, T_M=1, T_R=1), m_M=3, m_R=2)
    >>> o.P, o.Q, o.E_M, o.E_R
    (7.0, 3.0, 9.0, 6.0)
    >>> evaluate(Params(x=10, y=1, h=2, T_M=1, T_R=1), m_M=-1, m_R=2)
    Traceback (most recent call last):
    ...
    ValueError: m_M must be >= 0 (got m_M=-1.0)
    """
    checked = {}
    for name, value in (("m_M", m_M), ("m_R", m_R)):
        value = as_real(name, value)
        if np.any(np.asarray(value) < 0):
            bad = np.asarray(value)[np.asarray(value) < 0].flat[0]
            raise ValueError(f"{name} must be >= 0 (got {name}={float(bad)!r})")
        checked[name] = value
    return outcome("given", params, checked["m_M"], checked["m_R"], clip=True)


class MarketDiagram:
    """``ch-model``: price, quantity and who gets what, for given markups.

    The demand line runs from the choke price ``x / y`` down to ``T x``. Below
    the price ``P`` and left of the quantity ``Q`` sit the cost (grey), the
    SOE's payoff ``E_M`` and the grassroots organization's ``E_R``; above ``P``
    lies the beneficiaries' surplus ``S_B``. The axes end where the demand line
    meets them.
    """

    def __init__(self, params: Params, m_M: float, m_R: float):
        from matplotlib.patches import Polygon, Rectangle

        from .plots import FONT_SIZES, PLAYER_COLORS, new_figure

        self.fig, ax = new_figure(6.5, 3.75)
        self.ax = ax
        (self.demand_line,) = ax.plot([], [], color="black", lw=1.5, label="demand")
        patches = {}

        for key, color, label in (
            ("M", PLAYER_COLORS["M"], "SOE payoff $E_M$"),
            ("R", PLAYER_COLORS["R"], "grassroots payoff $E_R$"),
            ("cost", PLAYER_COLORS["cost"], "cost $hQ$"),
        ):
            patches[key] = ax.add_patch(Rectangle((0, 0), 0, 0, color=color, label=label))
        patches["poor"] = ax.add_patch(
            Polygon(np.zeros((3, 2)), color=PLAYER_COLORS["poor"], label="beneficiaries' surplus $S_B$")
        )
        self.patches = patches
        (self.point,) = ax.plot([], [], "o", color="black", ms=6, zorder=5)
        self.text = ax.text(0.98, 0.98, "", transform=ax.transAxes, ha="right", va="top",
                            fontsize=FONT_SIZES["page"], family="monospace")
        ax.set_xlabel("quantity served $Q$")
        ax.set_ylabel("unit price $P$")
        ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.4), frameon=False)
        self.dynamic = [*patches.values(), self.point, self.text]
        self.update(params, m_M, m_R)

    def update(self, params: Params, m_M: float, m_R: float) -> None:
        """Move every artist to the new parameters and markups."""
        o = evaluate(params, m_M, m_R)
        choke, Q_max = params.x / params.y, params.T * params.x
        P_shown = min(o.P, choke)
        self.demand_line.set_data([0, Q_max], [choke, 0])
        self.patches["cost"].set_bounds(0, 0, o.Q, params.h)
        self.patches["M"].set_bounds(0, params.h, o.Q, min(m_M, choke - params.h))
        self.patches["R"].set_bounds(0, params.h + m_M, o.Q, max(P_shown - params.h - m_M, 0))
        self.patches["poor"].set_xy([[0, P_shown], [o.Q, P_shown], [0, choke]])
        self.point.set_data([o.Q], [P_shown])
        self.ax.set_xlim(0, Q_max * 1.02)
        self.ax.set_ylim(0, choke * 1.05)
        self.text.set_text(
            f"P = {o.P:.2f}   Q = {o.Q:.2f}\nE_M = {o.E_M:.2f}  E_R = {o.E_R:.2f}\nS_B = {o.S_B:.2f}"
        )
        self.alt = (
            f"Demand diagram: with markups m_M = {m_M:.2f} and m_R = {m_R:.2f} the price is "
            f"{o.P:.2f} and {o.Q:.2f} units are served; the SOE earns {o.E_M:.2f}, the grassroots "
            f"organization {o.E_R:.2f}, and the beneficiaries keep a surplus of {o.S_B:.2f}."
        )


def market_diagram(params: Params, m_M: float, m_R: float):
    """The ``ch-model`` demand diagram as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> float(market_diagram(EXAMPLE, 3, 2).axes[0].get_ylim()[1])  # the choke price 10, and 5 % room
    10.5
    """
    return MarketDiagram(params, m_M, m_R).fig


def explore_model(params: Params | None = None, *, size: str = "page"):
    """``ch-model``: the demand diagram as the SOE's markup moves (main slider).

    Both markups start at their Nash values, exactly.

    Examples
    --------
    >>> e = explore_model()
    >>> e.state["m_M"] == e.state["m_R"] == 8 / 3
    True
    """
    from .params import EXAMPLE
    from .regimes import solve
    from .widgets import PARAM_SLIDERS, Explorer, markup_grid, start_state

    params = EXAMPLE if params is None else params
    nash = solve(params, "nash")
    # a step of 1/30 puts every third and every half of the markups on the slider's grid
    others = {"m_R": (0.0, 10.0, 1 / 30, "grassroots markup m_R"), **PARAM_SLIDERS}
    return Explorer(MarketDiagram, start_state(params, m_M=nash.m_M, m_R=nash.m_R), "m_M",
                    markup_grid(params), "SOE markup m_M", others, size=size)
