"""``ch-cooperation``, the four regimes compared: the bar chart and its explorer.

`RegimeBars` stacks each regime's payoffs and the beneficiaries' surplus and shows the quantity served;
`explore_cooperation` moves the unit cost ``h`` on its main slider. The regimes are solved in
`soe_grassroots.regimes`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from .params import Params
from .plots import COLORS, PAGE_WIDTH, new_figure
from .regimes import LABELS, NAMES, REGIMES, solve


class RegimeBars:
    """``ch-cooperation``: the four regimes side by side.

    Left: stacked bars of the SOE's payoff (solid), the grassroots
    organization's payoff (hatched) and the beneficiaries' surplus (dotted),
    each bar in its regime's colour. Right: the quantity served.
    """

    def __init__(self, params: Params):
        from matplotlib.legend_handler import HandlerTuple

        self.fig, (self.ax_pay, self.ax_q) = new_figure(PAGE_WIDTH, 3.75, ncols=2)
        pos = np.arange(len(REGIMES))
        colors = [COLORS[r] for r in REGIMES]
        kw = dict(width=0.7, edgecolor=colors, linewidth=1.5)
        self.bars_M = self.ax_pay.bar(pos, np.zeros(4), color=colors, **kw)
        self.bars_R = self.ax_pay.bar(pos, np.zeros(4), color=colors, alpha=0.45, hatch="//", **kw)
        self.bars_S = self.ax_pay.bar(pos, np.zeros(4), color="white", hatch="..", **kw)
        self.bars_Q = self.ax_q.bar(pos, np.zeros(4), color=colors, **kw)
        for ax in (self.ax_pay, self.ax_q):
            ax.set_xticks(pos, [LABELS[r] for r in REGIMES])
            ax.set_xlabel("regime")
        self.ax_pay.set_ylabel("payoffs and surplus")
        self.ax_q.set_ylabel("quantity served $Q$")
        # each legend entry shows the four bars' colours with that part's fill
        handles = [tuple(Rectangle((0, 0), 1, 1, facecolor=face or c, edgecolor=c, hatch=hatch, alpha=alpha)
                         for c in colors)
                   for face, hatch, alpha in ((None, None, 1), (None, "//", 0.45), ("white", "..", 1))]
        self.ax_pay.legend(handles, ["$E_M$", "$E_R$", "$S_B$"], loc="lower left", bbox_to_anchor=(0.0, 1.0),
                           ncols=3, frameon=False, borderaxespad=0.2, handlelength=3.2, columnspacing=1.2,
                           handler_map={tuple: HandlerTuple(ndivide=None, pad=0)})
        self.dynamic = [*self.bars_M, *self.bars_R, *self.bars_S, *self.bars_Q]
        self.update(params)

    def update(self, params: Params) -> None:
        """Redraw for new parameters; the axes end a little above the tallest bar."""
        outs = [solve(params, r) for r in REGIMES]
        for i, o in enumerate(outs):
            self.bars_M[i].set_height(o.E_M)
            self.bars_R[i].set_y(o.E_M)
            self.bars_R[i].set_height(o.E_R)
            self.bars_S[i].set_y(o.E_T)
            self.bars_S[i].set_height(o.S_B)
            self.bars_Q[i].set_height(o.Q)
        self.ax_pay.set_ylim(0, max(o.W for o in outs) * 1.08)
        self.ax_q.set_ylim(0, max(o.Q for o in outs) * 1.08)
        text = ", ".join(f"{NAMES[r]} E_T = {o.E_T:.2f}, Q = {o.Q:.2f}" for r, o in zip(REGIMES, outs))
        self.alt = f"Bar charts of the four regimes for unit cost h = {params.h:.2f}: {text}."


def regime_bars(params: Params):
    """The ``ch-cooperation`` comparison of the four regimes as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> round(float(regime_bars(EXAMPLE).axes[0].get_ylim()[1]), 2)  # cooperation's 48 + 24 = 72, and 8 % room
    77.76
    """
    return RegimeBars(params).fig


def explore_cooperation(params: Params | None = None, *, size: str = "page"):
    """``ch-cooperation``: the four regimes side by side as the unit cost moves (main slider).

    Examples
    --------
    >>> e = explore_cooperation()
    >>> e.values[0], e.state["h"]
    (0.0, 2.0)
    """
    from .params import EXAMPLE
    from .widgets import PARAM_SLIDERS, Explorer, start_state

    params = EXAMPLE if params is None else params
    sliders = {k: v for k, v in PARAM_SLIDERS.items() if k != "h"}
    top = min(PARAM_SLIDERS["h"][1], 0.95 * params.x / params.y)
    return Explorer(RegimeBars, start_state(params), "h", np.round(np.linspace(0, top, 17), 2),
                    PARAM_SLIDERS["h"][3], sliders, size=size)


__all__ = ["RegimeBars", "explore_cooperation", "regime_bars"]
