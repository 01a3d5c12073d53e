"""Which punishments hold an agreement, and at what patience (chapter ``ch-enforcement``).

The thresholds themselves live in `soe_grassroots.repeated` (`critical_discount`
for Nash reversion, breakdown for ever and short punishments,
`finite_horizon_discount` for a known last period). This module lines them up
for one breach, penalty and share (`thresholds`), and draws them against the
discount factor, with the share of households each punishment still serves
while it lasts (`PunishmentPlot`, `explore_enforcement`).

Examples
--------
>>> from soe_grassroots import EXAMPLE
>>> from soe_grassroots import enforcement
>>> {k: round(v.low, 4) for k, v in enforcement.thresholds(EXAMPLE).items()}
{'nash': 0.5294, 'stick1': 0.125, 'stick2': 0.1124, 'minmax': 0.1111, 'known_end': 0.1406}
"""

from __future__ import annotations

import numpy as np

from .params import Params
from .repeated import Window, critical_discount, finite_horizon_discount, windows

PUNISHMENT_ROWS = {
    "nash": "Nash markups for ever",
    "stick1": "breakdown for 1 period",
    "stick2": "breakdown for 2 periods",
    "minmax": "breakdown for ever",
    "known_end": "known end, Nash at the end",
}
"""The punishments the chapter compares, in the order of the figure (top to bottom). After a short breakdown
the partners return to the agreement; in the known-end profile a breach is punished by breakdown and the last
period is played at the Nash markups."""

SERVED = {"nash": 2 / 3, "stick1": 0.0, "stick2": 0.0, "minmax": 0.0, "known_end": 0.0}
"""Households served in a punishment period, as a share of those served under the agreement.

At the Nash markups the price is ``h + 2a/(3y)`` and ``Q = T a/3``, two thirds of
the ``T a/2`` of the agreement; in breakdown no one buys. (The known-end profile
punishes a breach with breakdown; its last period, at Nash markups, is not a
punishment.) `tests/test_enforcement.py` derives these shares from the model."""


def thresholds(params: Params, deviation: str = "best", penalty: float = 0.0, share: float = 0.5) -> dict:
    """The discount factors at which each punishment of `PUNISHMENT_ROWS` sustains the agreement.

    Parameters are those of `soe_grassroots.repeated.critical_discount`.

    Returns
    -------
    dict
        ``key -> Window``: cooperation holds for ``low <= delta <= high``
        (``high`` is 1 when every larger ``delta`` works; an empty window has
        ``low = inf``).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> round(thresholds(EXAMPLE, "matrix")["minmax"].low, 12)
    0.1
    """
    out = {}
    for key in ("nash", "minmax"):
        both = windows(params, deviation, key, penalty, share)["both"]
        out[key] = Window(float(both.low), float(both.high))
    for k in (1, 2):
        low = float(critical_discount(params, deviation, "stick", penalty, share, stick=k))
        out[f"stick{k}"] = Window(low, 1.0 if np.isfinite(low) else -np.inf)
    low = float(finite_horizon_discount(params, deviation, penalty, share))
    out["known_end"] = Window(low, 1.0 if np.isfinite(low) else -np.inf)
    return {key: out[key] for key in PUNISHMENT_ROWS}


class PunishmentPlot:
    """Which punishments hold at the chosen ``delta``: one row per punishment.

    Each row's bar covers the discount factors at which that punishment
    sustains the agreement; the vertical line is the chosen ``delta``. Above
    each bar its label says whether the agreement holds there and how many
    households the punishment serves while it lasts (the labels sit inside
    the axes, so a phone's narrow frame keeps the full width for the bars).
    """

    def __init__(self, params: Params, delta: float, deviation: str = "best", penalty_U: float = 0.0,
                 share: float = 0.5):
        from .plots import COLORS, new_figure

        self.fig, self.ax = new_figure(7.0, 4.2)
        self.keys = list(PUNISHMENT_ROWS)
        rows = np.arange(len(self.keys))[::-1].astype(float)
        self.rows = dict(zip(self.keys, rows))
        self.bars = {k: self.ax.barh(self.rows[k] - 0.18, 0.0, left=0.0, height=0.36, color=COLORS["cooperative"],
                                     edgecolor="black", linewidth=0.8)[0] for k in self.keys}
        self.marks = {k: self.ax.plot([], [], "o", ms=9, mec="black", zorder=5)[0] for k in self.keys}
        self.labels = {k: self.ax.text(0.0, self.rows[k] + 0.08, "", va="bottom", ha="left", zorder=6,
                                       bbox=dict(facecolor="white", edgecolor="none", pad=1.0, alpha=0.85))
                       for k in self.keys}
        self.guide = self.ax.axvline(delta, color="black", lw=1.5)
        self.ax.set_yticks([])
        self.ax.set_xlim(-0.02, 1.02)
        self.ax.set_ylim(-0.55, len(self.keys) - 0.35)
        self.ax.set_xlabel(r"discount factor $\delta$ (bar: where the agreement holds)")
        self.ax.spines[["left"]].set_visible(False)
        self.dynamic = [self.guide, *self.marks.values(), *self.labels.values()]
        self.update(params, delta, deviation, penalty_U, share)

    def update(self, params: Params, delta: float, deviation: str = "best", penalty_U: float = 0.0,
               share: float = 0.5) -> None:
        """Redraw for a new ``delta`` (fast) or a new breach, penalty or share."""
        self.windows = thresholds(params, deviation, float(penalty_U * params.U), share)
        self.holds = {}
        for key, w in self.windows.items():
            low, high = (w.low, w.high) if np.isfinite(w.low) else (0.0, 0.0)
            self.bars[key].set_x(low)
            self.bars[key].set_width(max(high - low, 0.0))
            holds = bool(w.low <= delta <= w.high)
            self.holds[key] = holds
            self.marks[key].set_data([delta], [self.rows[key] - 0.18])
            self.marks[key].set(marker="o" if holds else "X", mfc="black" if holds else "white")
            self.labels[key].set_text(f"{PUNISHMENT_ROWS[key]}: {'holds' if holds else 'fails'}, "
                                      f"{SERVED[key]:.0%} served")
        self.guide.set_xdata([delta, delta])
        kept = [PUNISHMENT_ROWS[k] for k, v in self.holds.items() if v]
        self.alt = (
            f"At discount factor {delta:.2f}, with a {deviation} breach, a penalty of {penalty_U:.3f} U and the "
            f"SOE's share {share:.2f}, the agreement holds under "
            + (", ".join(kept) if kept else "none of the punishments")
            + ". Nash reversion still serves two thirds of the households while it lasts; every breakdown "
            "serves none."
        )


def punishment_figure(params: Params | None = None, delta: float = 0.3, **choices):
    """The chapter's static figure of `PunishmentPlot` as a `Figure`.

    Examples
    --------
    >>> punishment_figure(delta=0.6).axes[0].texts[0].get_text()
    'Nash markups for ever: holds, 67% served'
    """
    from .params import EXAMPLE

    return PunishmentPlot(EXAMPLE if params is None else params, delta, **choices).fig


def explore_enforcement(params: Params | None = None, *, size: str = "page"):
    """The chapter's explorer: the discount factor on the main slider; breach, penalty and share below.

    Examples
    --------
    >>> explorer = explore_enforcement()
    >>> explorer.slider.description, len(explorer.values)
    ('discount factor δ', 20)
    """
    import ipywidgets as W

    from .widgets import Explorer, start_state

    state = start_state(params, delta=0.3, deviation="best", penalty_U=0.0, share=0.5)
    extra = {"deviation": W.Dropdown(options=[("best reply", "best"), ("Nash markup", "matrix")], value="best",
                                     description="breach")}
    others = {"penalty_U": (0.0, 0.03, 0.001, "penalty F/U"), "share": (0.40, 0.60, 0.005, "SOE's share θ")}
    values = np.round(np.arange(0, 0.951, 0.05), 2)
    return Explorer(PunishmentPlot, state, "delta", values, "discount factor δ", others, extra=extra, size=size)


__all__ = ["PUNISHMENT_ROWS", "SERVED", "PunishmentPlot", "explore_enforcement", "punishment_figure",
           "thresholds"]
