"""The book's figure style, shared by every chapter's figure, and the phone layout.

Each chapter's figure class lives in the chapter's module (`soe_grassroots.nash.BestResponse`, ...): it
draws its figure in ``__init__`` with `new_figure`, moves its artists in ``update`` so that a slider
redraws without building a new figure, and writes ``alt``, a sentence saying what the figure shows, for
readers who cannot see it (`soe_grassroots.widgets.ChapterFigure`). This module holds what they share:
the colours, the player names, the font floor (`FONT_SIZES`, `apply_font_floor`), the page width, the
marker styles and the phone layout (`stack_panels`).

Colours follow the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness: one colour per regime, one per player.
"""

from __future__ import annotations

import numpy as np
from matplotlib.layout_engine import ConstrainedLayoutEngine

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
"""The players as a figure names them (legends and labels)."""

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


def apply_font_floor(fig, size: str = "page", artists=None) -> None:
    """Raise every text in ``fig`` (ticks, labels, legends, annotations) to at least
    the font size of ``size`` (see `FONT_SIZES`); larger texts keep their size.

    ``artists`` limits it to those artists and what they contain: an explorer's fast redraw,
    which draws only its moving artists over the kept background, needs no more.

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
    if artists is None:
        for ax in fig.axes:
            ax.tick_params(labelsize=floor)  # ticks made later (at draw time) too
    for artist in [fig] if artists is None else artists:
        for text in artist.findobj(Text):
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
