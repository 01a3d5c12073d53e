"""``ch-nash``, simultaneous moves: the best-response figure and its explorer.

`BestResponse` draws R's payoff against its own markup for a given SOE markup, and both reaction curves
(`reaction_lines`, shared with `soe_grassroots.stackelberg`); `explore_nash` puts it under sliders. The
equilibrium itself is computed in `soe_grassroots.regimes` and derived in `soe_grassroots.symbolic`.
"""

from __future__ import annotations

import numpy as np

from .model import evaluate
from .params import Params
from .plots import COLORS, CURRENT, EQUILIBRIUM, PAGE_WIDTH, PLAYER_COLORS, new_figure
from .regimes import best_response, solve


def reaction_lines(ax, params: Params):
    """Draw both reaction curves and the Nash point on ``ax``; return the artists."""
    top = params.a / params.y
    grid = np.array([0.0, top])
    (br_R,) = ax.plot(grid, best_response(params, "R", grid), color=PLAYER_COLORS["R"], lw=2.5,
                      label="R's reaction curve")
    (br_M,) = ax.plot(best_response(params, "M", grid), grid, color=PLAYER_COLORS["M"], lw=2.5,
                      label="M's reaction curve")
    nash = solve(params, "nash")
    (point,) = ax.plot([nash.m_M], [nash.m_R], color=COLORS["nash"], label="Nash", **EQUILIBRIUM)
    ax.set_xlabel("SOE markup $m_M$")
    ax.set_ylabel("grassroots markup $m_R$")
    return br_R, br_M, point


def move_reaction_lines(ax, artists, params: Params) -> None:
    """Move the reaction curves; the axes end where the curves meet them (at ``a / y``)."""
    br_R, br_M, point = artists
    top = params.a / params.y
    grid = np.array([0.0, top])
    br_R.set_data(grid, best_response(params, "R", grid))
    br_M.set_data(best_response(params, "M", grid), grid)
    nash = solve(params, "nash")
    point.set_data([nash.m_M], [nash.m_R])
    ax.set_xlim(0, top * 1.03)
    ax.set_ylim(0, top * 1.03)


class BestResponse:
    """``ch-nash``: R's payoff given the SOE's markup, and the reaction curves.

    Left: R's payoff as a function of its own markup, for the SOE's markup
    ``m_M``, up to the markup at which no one buys; its peak is R's best
    response. Right: both reaction curves; the hollow square (``m_M``, best
    response) slides along R's curve, and the curves meet at the Nash
    equilibrium (the disc).
    """

    def __init__(self, params: Params, m_M: float):
        self.fig, (self.ax_pay, self.ax_br) = new_figure(PAGE_WIDTH, 3.75, ncols=2)
        (self.curve,) = self.ax_pay.plot([], [], color=PLAYER_COLORS["R"], lw=2.5, label="$E_R(m_R \\mid m_M)$")
        (self.peak,) = self.ax_pay.plot([], [], "o", color="black", ms=7, zorder=5, label="best response")
        self.ax_pay.set_xlabel("grassroots markup $m_R$")
        self.ax_pay.set_ylabel("grassroots payoff $E_R$")
        self.ax_pay.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False,
                           borderaxespad=0.2, handlelength=1.2, columnspacing=1.0)
        self.lines = reaction_lines(self.ax_br, params)
        (self.current,) = self.ax_br.plot([], [], label="$(m_M$, best response$)$", **CURRENT)
        self.guide = self.ax_br.axvline(0, color="grey", lw=1, ls=":")
        self.ax_br.legend(loc="upper right", frameon=False, borderaxespad=0.1, handlelength=1.5)
        self.dynamic = [self.curve, self.peak, self.current, self.guide]
        self.update(params, m_M)

    def update(self, params: Params, m_M: float) -> None:
        """Redraw for new parameters and a new SOE markup."""
        top = params.a / params.y
        # the payoff is positive up to the markup where no one buys, a / y - m_M: draw it that far
        reach = max(top - m_M, 0.05 * top)
        m_R = np.linspace(0, reach, 161)
        E_R = evaluate(params, m_M, m_R).E_R
        best = best_response(params, "R", m_M)
        E_best = evaluate(params, m_M, best).E_R
        self.curve.set_data(m_R, E_R)
        self.peak.set_data([best], [E_best])
        self.ax_pay.set_xlim(0, reach * 1.03)
        self.ax_pay.set_ylim(0, max(E_best, 1e-3 * params.U) * 1.08)
        move_reaction_lines(self.ax_br, self.lines, params)
        self.current.set_data([m_M], [best])
        self.guide.set_xdata([m_M, m_M])
        nash = solve(params, "nash")
        self.alt = (
            f"Left: the grassroots organization's payoff against its markup when the SOE charges "
            f"{m_M:.2f}; it peaks at {best:.2f}, paying {E_best:.2f}. Right: the two reaction curves "
            f"cross at the Nash equilibrium m_M = m_R = {nash.m_M:.2f}; a hollow square marks "
            f"the SOE's markup {m_M:.2f} with the grassroots organization's best response {best:.2f}."
        )


def best_response_figure(params: Params, m_M: float):
    """The ``ch-nash`` best-response figure as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> fig = best_response_figure(EXAMPLE, 4.0)
    >>> round(float(fig.axes[0].get_ylim()[1]), 2)  # the payoff peaks at 12 and the axis ends 8 % above
    12.96
    """
    return BestResponse(params, m_M).fig


def explore_nash(params: Params | None = None, *, size: str = "page"):
    """``ch-nash``: R's best response to the SOE's markup (main slider).

    Examples
    --------
    >>> explore_nash().state["m_M"] == 8 / 3
    True
    """
    from .params import EXAMPLE
    from .widgets import PARAM_SLIDERS, Explorer, markup_grid, start_state

    params = EXAMPLE if params is None else params
    return Explorer(BestResponse, start_state(params, m_M=solve(params, "nash").m_M), "m_M",
                    markup_grid(params), "SOE markup m_M", PARAM_SLIDERS, size=size)


__all__ = ["BestResponse", "best_response_figure", "explore_nash", "move_reaction_lines", "reaction_lines"]
