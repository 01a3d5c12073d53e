"""The book's figures: one small class per figure, drawn once, updated in place.

Each class draws its figure in ``__init__`` and moves its artists in
``update``, so a slider redraws without building a new figure. Each also
writes ``alt``, a sentence saying what the figure shows, for readers who
cannot see it. The functions at the end return a plain `~matplotlib.figure.Figure`
for the chapters' static figures.

Colours follow the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness: one colour per regime, one per player.
"""

from __future__ import annotations

import numpy as np
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Polygon, Rectangle

from ._checks import check_player
from .model import evaluate
from .params import Params
from .regimes import LABELS, NAMES, REGIMES, best_response, solve

COLORS = {
    "nash": "#0072B2",
    "soe_leads": "#D55E00",
    "grassroots_leads": "#009E73",
    "cooperative": "#E69F00",
}
"""One colour per regime, used across the whole book."""

PLAYER_COLORS = {"M": "#CC79A7", "R": "#56B4E9", "poor": "#F0E442", "cost": "#BBBBBB"}
"""Colours of the SOE (M), the grassroots organization (R), the poor and the cost."""

PLAYER_NAMES = {"M": "SOE (M)", "R": "grassroots org. (R)"}
_MARKUP = {"M": "m_M", "R": "m_R"}

CSS_DPI = 96
"""CSS pixels per inch: a browser shows a figure ``w`` inches wide at ``w * 96`` px (100 % zoom)."""

FONT_SIZES = {"page": 11.0, "projector": 16.0}
"""Smallest font size (points) of any text in a figure, by display size.

At 96 px per inch a point is 4/3 px, so 11 pt is 14.7 px at 100 % zoom: legible
from the back of a room (the rule is 14 px, 10.5 pt). ``"projector"`` is for
a figure shown on a projector from a live notebook."""

PAGE_WIDTH = 7.0
"""Widest figure (inches) that the site shows at its full size: 672 px fit the
page's output column (688 px in a 1280 px window)."""

NARROW_WIDTH = 4.25
"""Width (inches) of a figure laid out for a phone by `stack_panels`: 408 px, which a 390 px wide phone
shows in its 354 px column at 87 %, so that 11 pt text is 12.7 px there (11.5 px on a 360 px phone)."""

NARROW_ASPECT = 0.62
"""Smallest height of a panel in a narrow figure, as a fraction of its width (about a 3:2 box)."""

NARROW_MAX_HEIGHT = 7.5
"""Tallest narrow figure (inches): 720 px, 625 px on a 390 px phone, so that the main slider and the
whole figure fit on its 844 px screen together. Panels get shorter than `NARROW_ASPECT` to stay within it."""


def _legend_columns(legend, ncols: int) -> None:
    """Re-pack a drawn legend's entries into ``ncols`` columns, in their order (down the columns).

    `matplotlib.legend.Legend.set_ncols` only counts once the legend is made, so the entries (the
    packed rows of a marker and its label) are regrouped here, as the legend groups them."""
    from matplotlib.offsetbox import VPacker

    box = legend._legend_handle_box
    columns = box.get_children()
    items = [item for column in columns for item in column.get_children()]
    first = columns[0]
    box._children = [VPacker(pad=first.pad, sep=first.sep, align=first.align, children=list(group))
                     for group in np.array_split(np.array(items, dtype=object), ncols) if len(group)]
    legend.set_ncols(ncols)
    legend.stale = True


def stack_panels(fig, width: float = NARROW_WIDTH) -> None:
    """Lay ``fig`` out for a narrow screen: its side-by-side panels one above the other, ``width`` inches wide.

    The figure's panels (axes on one row of a grid, as `new_figure` makes them; twin axes follow their
    panel) move to one column, in their left-to-right order; axes placed by hand stay where they are. The
    figure gets ``width`` and the height that gives every panel at least `NARROW_ASPECT` of its width (an
    axes with a fixed aspect ratio, the height it needs to fill the width), up to `NARROW_MAX_HEIGHT`;
    the room a constrained layout keeps free above and below the panels (its ``rect``) keeps its size in
    inches; a legend wider than the figure (or than its panel) loses columns until it fits; a text placed
    on the figure wraps at its edge. Font sizes do not change: the point is that text stays readable on a
    phone, where the wide figure, shrunk to the phone's column, would be too small to read.

    Examples
    --------
    >>> fig, (left, right) = new_figure(7.0, 3.5, ncols=2)
    >>> stack_panels(fig)
    >>> float(fig.get_size_inches()[0]), left.get_subplotspec().rowspan, right.get_subplotspec().rowspan
    (4.25, range(0, 1), range(1, 2))
    """
    old_width, old_height = fig.get_size_inches()
    panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    grids = {id(ax.get_subplotspec().get_gridspec()) for ax in panels}
    old_grid = panels[0].get_subplotspec().get_gridspec() if panels else None
    rows, grid = 1, None
    if len(grids) == 1 and old_grid is not None and old_grid.nrows == 1 and old_grid.ncols > 1:
        rows = old_grid.ncols
        grid = fig.add_gridspec(rows, 1)
        for ax in panels:
            span = ax.get_subplotspec().colspan
            ax.set_subplotspec(grid[span.start:span.stop, 0])
    engine = fig.get_layout_engine()
    rect = engine.get().get("rect") if isinstance(engine, ConstrainedLayoutEngine) else None
    target = NARROW_ASPECT * width
    height = min(max(old_height * width / old_width, rows * target), NARROW_MAX_HEIGHT)

    def resize(new_height):  # a whole number of CSS px, so that a frame has exactly twice as many pixels
        new_height = (round(new_height * CSS_DPI) + 1e-6) / CSS_DPI  # + 1e-6: pixel counts are truncated
        if rect is not None and tuple(rect) != (0, 0, 1, 1):
            left, bottom, w, h = rect
            below, above = bottom * old_height, (1 - bottom - h) * old_height
            engine.set(rect=(left, below / new_height, w, 1 - (below + above) / new_height))
        fig.set_size_inches(width, new_height)
        return new_height

    height = resize(height)
    for text in fig.texts:
        text.set_wrap(True)
    for _ in range(6):  # a legend that loses a column gets taller, a taller figure moves it: lay out again
        fig.draw_without_rendering()
        changed = False
        for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
            if legend is None or getattr(legend, "_ncols", 1) <= 1:
                continue
            room = fig.bbox.width if legend in fig.legends else legend.axes.bbox.width
            if legend.get_window_extent().width > room:
                _legend_columns(legend, legend._ncols - 1)
                changed = True
        # the height each row of panels needs: NARROW_ASPECT of the width, or what a fixed aspect asks
        have, need = [0.0] * rows, [target] * rows
        for ax in panels:
            row = ax.get_subplotspec().rowspan.start if grid is not None else 0
            box, cell = ax.get_position(), ax.get_position(original=True)
            have[row] = max(have[row], box.height * height)
            if box.width < 0.97 * cell.width:  # a fixed aspect: the axes is as tall as its cell lets it be
                need[row] = max(need[row], box.height * height * cell.width / box.width)
        more = sum(max(n - h, 0.0) for n, h in zip(need, have))
        if more > 0.02 * height and height < NARROW_MAX_HEIGHT:
            if grid is not None:
                grid.set_height_ratios([max(n, h) for n, h in zip(need, have)])
            height = resize(min(height + more, NARROW_MAX_HEIGHT))
            changed = True
        if not changed:
            break


# marker styles that stay apart when two points coincide: an equilibrium is a
# filled disc drawn first, the point a slider moves is a larger hollow square on top
EQUILIBRIUM = dict(marker="o", ms=9, ls="none", zorder=4)
CURRENT = dict(marker="s", ms=13, ls="none", mfc="none", mec="black", mew=2, zorder=5)


def apply_font_floor(fig, size: str = "page") -> None:
    """Raise every text in ``fig`` (ticks, labels, legends, annotations) to at least
    the font size of ``size`` (see `FONT_SIZES`); larger texts keep their size.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> t = ax.text(0, 0, "small", fontsize=6)
    >>> apply_font_floor(fig, "projector"); t.get_fontsize()
    16.0
    """
    from matplotlib.text import Text

    if size not in FONT_SIZES:
        raise ValueError(f"size must be one of {', '.join(map(repr, FONT_SIZES))} (got {size!r})")
    floor = FONT_SIZES[size]
    for ax in fig.axes:
        ax.tick_params(labelsize=floor)  # ticks made later (at draw time) too
    for text in fig.findobj(Text):
        if text.get_fontsize() < floor:
            text.set_fontsize(floor)


def new_figure(width: float = PAGE_WIDTH, height: float = 3.5, ncols: int = 1):
    """A figure with ``ncols`` axes and the book's look (white background,
    text of at least ``FONT_SIZES["page"]`` points).

    The figure is closed in pyplot at once, so a notebook shows it only when a
    cell returns it, and a widget can redraw it without it piling up.

    Examples
    --------
    >>> fig, (left, right) = new_figure(7.0, 3.5, ncols=2)
    >>> fig.get_size_inches().tolist(), left.xaxis.label.get_fontsize()
    ([7.0, 3.5], 11.0)
    """
    import matplotlib.pyplot as plt

    with plt.rc_context({"font.size": FONT_SIZES["page"], "legend.fontsize": FONT_SIZES["page"]}):
        fig, axes = plt.subplots(1, ncols, figsize=(width, height), layout="constrained")
    fig.set_facecolor("white")
    plt.close(fig)
    for ax in np.atleast_1d(axes):
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=FONT_SIZES["page"])
        ax.xaxis.label.set_fontsize(FONT_SIZES["page"])
        ax.yaxis.label.set_fontsize(FONT_SIZES["page"])
    return fig, axes


class MarketDiagram:
    """``ch-model``: price, quantity and who gets what, for given markups.

    The demand line runs from the choke price ``x / y`` down to ``T x``. Below
    the price ``P`` and left of the quantity ``Q`` sit the cost (grey), the
    SOE's payoff ``E_M`` and the grassroots organization's ``E_R``; above ``P``
    lies the beneficiaries' surplus ``S_B``. The axes end where the demand line
    meets them.
    """

    def __init__(self, params: Params, m_M: float, m_R: float):
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


def _reaction_lines(ax, params: Params):
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


def _move_reaction_lines(ax, artists, params: Params) -> None:
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
        self.lines = _reaction_lines(self.ax_br, params)
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
        _move_reaction_lines(self.ax_br, self.lines, params)
        self.current.set_data([m_M], [best])
        self.guide.set_xdata([m_M, m_M])
        nash = solve(params, "nash")
        self.alt = (
            f"Left: the grassroots organization's payoff against its markup when the SOE charges "
            f"{m_M:.2f}; it peaks at {best:.2f}, paying {E_best:.2f}. Right: the two reaction curves "
            f"cross at the Nash equilibrium m_M = m_R = {nash.m_M:.2f}; a hollow square marks "
            f"the SOE's markup {m_M:.2f} with the grassroots organization's best response {best:.2f}."
        )


class LeaderProblem:
    """``ch-stackelberg``: the leader's payoff once the follower best-responds.

    Left: the leader's payoff against its own markup, with the follower's best
    response built in; its peak (the disc) is the Stackelberg markup and the
    hollow square the chosen markup. Right: the leader picks a point on the
    follower's reaction curve.
    """

    def __init__(self, params: Params, m_leader: float, leader: str = "M"):
        self.fig, (self.ax_pay, self.ax_br) = new_figure(PAGE_WIDTH, 3.75, ncols=2)
        (self.curve,) = self.ax_pay.plot([], [], lw=2.5)
        (self.follower_curve,) = self.ax_pay.plot([], [], lw=2, ls="--")
        (self.peak,) = self.ax_pay.plot([], [], **EQUILIBRIUM)
        (self.current,) = self.ax_pay.plot([], [], label="chosen markup", **CURRENT)
        self.ax_pay.set_ylabel("payoff")
        self.lines = _reaction_lines(self.ax_br, params)
        (self.st_point,) = self.ax_br.plot([], [], **EQUILIBRIUM)
        (self.on_curve,) = self.ax_br.plot([], [], label="leader's choice", **CURRENT)
        self.leader: str | None = None
        self.dynamic = [self.current, self.on_curve]
        self.update(params, m_leader, leader)

    def update(self, params: Params, m_leader: float, leader: str = "M") -> None:
        """Redraw for new parameters, a new leader markup, or a new leader."""
        check_player("leader", leader)
        follower = "R" if leader == "M" else "M"
        regime = "soe_leads" if leader == "M" else "grassroots_leads"
        top = params.a / params.y
        grid = np.linspace(0, top, 161)

        def payoffs(m_l):
            m_f = best_response(params, follower, m_l)
            o = evaluate(params, m_l, m_f) if leader == "M" else evaluate(params, m_f, m_l)
            return (o.E_M, o.E_R) if leader == "M" else (o.E_R, o.E_M)

        E_l, E_f = payoffs(grid)
        st = solve(params, regime)
        st_l = st.m_M if leader == "M" else st.m_R
        now_l, _ = payoffs(m_leader)
        self.curve.set_data(grid, E_l)
        self.follower_curve.set_data(grid, E_f)
        self.current.set_data([m_leader], [now_l])
        self.peak.set_data([st_l], [payoffs(st_l)[0]])
        if leader != self.leader:
            self.leader = leader
            color = COLORS[regime]
            self.curve.set(color=PLAYER_COLORS[leader], label=f"leader {PLAYER_NAMES[leader]}")
            self.follower_curve.set(color=PLAYER_COLORS[follower], label=f"follower {PLAYER_NAMES[follower]}")
            self.peak.set(color=color, label=f"Stackelberg ({LABELS[regime]})")
            self.st_point.set(color=color, label=f"Stackelberg ({LABELS[regime]})")
            self.ax_pay.set_xlabel(f"leader's markup ${_MARKUP[leader]}$")
            self.ax_pay.legend(loc="upper right", frameon=False, borderaxespad=0.1, handlelength=1.5)
            self.ax_br.legend(loc="upper right", frameon=False, borderaxespad=0.1, handlelength=1.5)
        self.ax_pay.set_xlim(0, top * 1.03)
        self.ax_pay.set_ylim(0, max(E_l.max(), E_f.max()) * 1.08)
        _move_reaction_lines(self.ax_br, self.lines, params)
        self.st_point.set_data([st.m_M], [st.m_R])
        m_f = best_response(params, follower, m_leader)
        xy = (m_leader, m_f) if leader == "M" else (m_f, m_leader)
        self.on_curve.set_data([xy[0]], [xy[1]])
        self.alt = (
            f"Left: the {PLAYER_NAMES[leader]} leads; at markup {m_leader:.2f} (hollow square), with the "
            f"follower best-responding, it earns {now_l:.2f}; its payoff peaks at the Stackelberg markup "
            f"{st_l:.2f} (disc). Right: the leader's choice is a point on the follower's reaction curve; "
            f"the Stackelberg point is ({st.m_M:.2f}, {st.m_R:.2f})."
        )


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


CASES = {
    "SOEs Entering Daliang Mountain (2016-2019)": {"projects": 38, "investment": 200,
                                                   "more_than": ("investment",)},
    "SOEs Kamba Action": {"projects": 30, "investment": 250, "more_than": ("projects",)},
}
"""The two Sichuan initiatives as Lin & Xia (2025, section 2.1) report them:
industrial projects and investment in billion yuan. Daliang Mountain: 38
cooperation projects signed (exact) and "over 200 billion" yuan invested (a
lower bound); Kamba Action: "more than 30" projects (a lower bound) and 250
billion yuan in total (exact). ``more_than`` names the lower bounds."""


def initiatives():
    """``ch-context``: projects and money invested in the two initiatives.

    Exact values are solid bars labelled with the number; lower bounds (the
    paper's "more than" and "over") are hatched bars labelled "more than ...".

    Examples
    --------
    >>> fig = initiatives()
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['38', 'more than 30']
    """
    fig, (ax_p, ax_i) = new_figure(PAGE_WIDTH, 2.75, ncols=2)
    names = [name.split(" (")[0].replace("SOEs ", "").replace("Entering ", "Entering\n") for name in CASES]
    for ax, key, label in ((ax_p, "projects", "projects"), (ax_i, "investment", "investment, billion yuan")):
        values = [case[key] for case in CASES.values()]
        bound = [key in case["more_than"] for case in CASES.values()]
        bars = ax.barh(names, values, color=["white" if b else "dimgrey" for b in bound],
                       edgecolor="dimgrey", hatch=["//" if b else None for b in bound], linewidth=1.5)
        ax.bar_label(bars, [f"more than {v}" if b else f"{v}" for v, b in zip(values, bound)], padding=4)
        ax.set_xlabel(label)
        ax.set_xlim(0, max(values) * 1.55)  # room for the "more than" labels
    ax_i.set_yticks([])
    return fig


def market_diagram(params: Params, m_M: float, m_R: float):
    """The ``ch-model`` demand diagram as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> float(market_diagram(EXAMPLE, 3, 2).axes[0].get_ylim()[1])  # the choke price 10, and 5 % room
    10.5
    """
    return MarketDiagram(params, m_M, m_R).fig


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


def leader_figure(params: Params, m_leader: float, leader: str = "M"):
    """The ``ch-stackelberg`` leader's-problem figure as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> leader_figure(EXAMPLE, 4.0, "R").axes[0].get_xlabel()
    "leader's markup $m_R$"
    """
    return LeaderProblem(params, m_leader, leader).fig


def regime_bars(params: Params):
    """The ``ch-cooperation`` comparison of the four regimes as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> round(float(regime_bars(EXAMPLE).axes[0].get_ylim()[1]), 2)  # cooperation's 48 + 24 = 72, and 8 % room
    77.76
    """
    return RegimeBars(params).fig
