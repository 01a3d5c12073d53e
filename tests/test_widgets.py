"""The explorers of chapters 2-5 and the book's figures (issue 8 items 9-10, issue 11 items 3-4).

What is checked, and where the book relies on it:

* stored frames for the static site, one different picture per main-slider position, with alt text;
* the state is exact: the text's 8/3 stays 8/3 whatever a slider's step (issue 11, item 4);
* no stale frame: after another control moves, every main-slider position shows a frame drawn for
  the new parameters, and the browser-side link that could show an old one is gone;
* projector readability: text >= 10.5 pt (14 px) at the frame's display size, frames drawn at 2x,
  slider tracks >= 250 px, a "projector" size (issue 11, item 3);
* phone readability: every stored frame also has a narrow figure (panels stacked, `plots.stack_panels`)
  that a phone's browser shows instead, with text >= 11 px in a 390 px phone's column (issue 16, section 6);
* no dead controls on the static site: the CSS classes that hide them (issue 8, item 10);
* invalid values: the rule in words, in the figure's place and size;
* figures fit their data: axes within a small factor of what is drawn (issue 8, item 9).
"""

import base64
import html
import io
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from PIL import Image

from soe_grassroots import EXAMPLE, Params, evaluate, plots, solve, symbolic, widgets
from soe_grassroots.context import CASES, initiatives
from soe_grassroots.cooperation import RegimeBars, explore_cooperation, regime_bars
from soe_grassroots.model import MarketDiagram, explore_model, market_diagram
from soe_grassroots.nash import BestResponse, best_response_figure, explore_nash
from soe_grassroots.regimes import REGIMES
from soe_grassroots.stackelberg import LeaderProblem, explore_stackelberg, leader_figure

ROOT = Path(__file__).resolve().parents[1]
EXPLORERS = [explore_model, explore_nash, explore_stackelberg,
             explore_cooperation]
PAGE_COLUMN_PX = 688  # width of a cell's output on the site in a 1280 px window (measured in Chromium)
PHONE_COLUMN_PX = 354  # width of a cell's output on the site in a 390 px wide phone (measured in Chromium)
MIN_PHONE_TEXT_PX = 11.0  # smallest text on a phone (issue 16, section 6)
MAX_FACTOR = 1.25     # an axis ends at most 25 % beyond the largest value drawn on it


def _png(frame_html: str, narrow: bool = False) -> Image.Image:
    """The frame's wide figure (its ``<img>``) or, with ``narrow``, its phone figure (``<source srcset>``)."""
    data = re.search(r'\bsrcset="data:image/png;base64,([^"]+)"' if narrow
                     else r'\bsrc="data:image/png;base64,([^"]+)"', frame_html).group(1)
    return Image.open(io.BytesIO(base64.b64decode(data)))


def _pixels(frame_html: str, narrow: bool = False) -> np.ndarray:
    return np.asarray(_png(frame_html, narrow).convert("RGB"), dtype=int)


def _alt(frame_html: str) -> str:
    return html.unescape(re.search(r'alt="([^"]*)"', frame_html).group(1))


def _css_width(frame_html: str) -> int:
    return int(re.search(r'<img [^>]*width="(\d+)"', frame_html).group(1))


def _px(value: str) -> float:
    assert value.endswith("px"), value
    return float(value[:-2])


def _shown(e) -> str:
    return e.stack.children[e.stack.selected_index].value


def _nash_markup() -> float:
    """The Nash markup of the running example, from sympy's solution of the first-order conditions."""
    m_R = next(v for k, v in symbolic.nash_equilibrium().items() if str(k) == "m_R")
    value = m_R.subs({s: sp.nsimplify(getattr(EXAMPLE, str(s))) for s in m_R.free_symbols})
    assert value == sp.Rational(8, 3)  # sympy's exact value for x = 10, y = 1, h = 2
    return float(value)


@pytest.fixture(scope="module", params=EXPLORERS, ids=lambda f: f.__name__)
def explorer(request):
    """An explorer as a notebook shows it (which adds the phone frames to its stored frames)."""
    e = request.param()
    assert "application/vnd.jupyter.widget-view+json" in e._repr_mimebundle_()
    return e


# ---------------------------------------------------------------------------------------------------
# stored frames (the static site)


def test_every_stored_frame_is_a_different_picture(explorer):
    """Chapters 2-5, explorers: moving the main slider on the static site changes the figure."""
    frames = [_pixels(child.value) for child in explorer.frames]
    for before, after in zip(frames, frames[1:]):
        assert before.shape == after.shape
        assert np.any(before != after)


def test_every_stored_frame_has_alt_text_naming_what_it_shows(explorer):
    """Every figure has alt text that says what it shows (not 'plot')."""
    alts = [_alt(child.value) for child in explorer.frames]
    assert all(len(a) > 60 for a in alts)
    assert len(set(alts)) == len(alts)


def test_main_slider_is_linked_to_the_stack_in_the_browser(explorer):
    """The static site needs a client-side link from the slider's index to the stack of frames."""
    assert explorer.link is not None
    assert explorer.stack.selected_index == explorer.slider.index
    assert len(explorer.slider.options) == len(explorer.frames) == len(explorer.values)
    assert list(explorer.stack.children[:-1]) == explorer.frames  # the last child holds the message
    # the slider's labels show real values, not positions
    assert [float(label) for label, _ in explorer.slider.options] == pytest.approx(explorer.values, rel=1e-2)


# ---------------------------------------------------------------------------------------------------
# the state matches the text


def test_model_explorer_keeps_the_exact_nash_markups():
    """ch-model states m_M = m_R = 8/3 (the Nash markups); the live figure must show that state:
    P = 22/3, not the 7.20 a slider step of 0.1 would give."""
    nash = _nash_markup()
    e = explore_model()
    assert e.state["m_M"] == nash and e.state["m_R"] == nash
    assert e.values[e.slider.index] == nash  # the main slider has a position at exactly 8/3
    P = evaluate(EXAMPLE, nash, nash).P
    assert P == pytest.approx(22 / 3)
    assert f"the price is {P:.2f}" in _alt(_shown(e))
    # the m_R slider rounds 8/3 to its step and sends that back: the echo must not move the state
    slider = e.controls["m_R"]
    shown = _shown(e)
    slider.value = widgets.slider_echo(nash, slider.min, slider.max, slider.step) + 1e-13
    assert e.state["m_R"] == nash and _shown(e) == shown and e.link is not None


def test_a_coarse_slider_echo_is_ignored_but_a_move_is_not():
    """Any step: the value a slider shows for the exact state (2.7 for 8/3 at step 0.1) is not a move."""
    nash = _nash_markup()
    e = widgets.Explorer(MarketDiagram, widgets.start_state(m_M=nash, m_R=nash), "m_M",
                         [0, 2, 4, 6, 8], "SOE markup m_M", {"m_R": (0.0, 10.0, 0.1, "grassroots markup m_R")})
    assert e.controls["m_R"].value == pytest.approx(2.7)  # the slider shows the nearest value it can
    e.controls["m_R"].value = 2.7000000000000002  # the browser's echo (floating point noise included)
    assert e.state["m_R"] == nash
    e.controls["m_R"].value = 2.8  # the reader moves the slider
    assert e.state["m_R"] == 2.8
    assert "m_R = 2.80" in _alt(_shown(e))


def test_main_slider_positions_include_the_starting_value_exactly():
    """The main slider never rounds the starting value to a neighbouring position."""
    e = explore_nash()
    assert e.state["m_M"] == _nash_markup() and e.values[e.slider.index] == _nash_markup()
    assert e.values == sorted(e.values)


def test_slider_echo_rounds_and_clamps_like_a_slider():
    """The model of a slider's rounding that the echo test above relies on."""
    assert widgets.slider_echo(8 / 3, 0.0, 10.0, 0.1) == 2.7
    assert widgets.slider_echo(2.0, 0.0, 8.0, 0.25) == 2.0
    assert widgets.slider_echo(25.0, 4.0, 20.0, 0.5) == 20.0
    assert widgets.slider_echo(-1.0, 0.0, 8.0, 0.25) == 0.0


# ---------------------------------------------------------------------------------------------------
# no stale frame


@pytest.mark.slow  # about 2-5 s: left out of `make check`, run by `make test`
@pytest.mark.parametrize("factory, plot_class, key",
                         [(explore_nash, BestResponse, "m_M"),
                          (explore_cooperation, RegimeBars, None)],
                         ids=["nash", "regimes"])
def test_after_a_parameter_change_every_position_shows_a_frame_for_the_new_parameters(factory, plot_class, key):
    """Issue 11, item 4: after a parameter slider moves, the main slider never shows a frame drawn for
    the old parameters. The browser-side link is removed at once (so the browser cannot swap in a
    stored frame), and at every position the kernel shows a frame redrawn for the new parameters."""
    e = factory()
    e.controls["x"].value = 14.0
    assert e.link is None
    new = EXAMPLE.replace(x=14.0)
    for i, value in enumerate(e.values):
        e.slider.index = i
        assert e.stack.selected_index == i and not e.stale[i]
        expected = plot_class(new, **({key: value} if key else {})) if key else plot_class(new.replace(h=value))
        assert _alt(_shown(e)) == expected.alt


def test_live_redraw_after_a_parameter_change_updates_the_shown_frame():
    """Live notebooks: a non-main slider redraws the shown frame and marks the others stale."""
    e = explore_nash()
    shown = _shown(e)
    e.controls["x"].value = 14.0
    assert _shown(e) != shown
    assert sum(e.stale) == len(e.stale) - 1
    target = (e.slider.index + 1) % len(e.values)
    old = e.frames[target].value
    e.slider.index = target
    assert e.frames[target].value != old and not e.stale[target] and e.stack.selected_index == target


def test_fast_redraw_draws_the_same_picture_as_a_full_redraw():
    """Blitting must not change what the reader sees."""
    e = explore_nash()
    e.controls["h"].value = 1.0
    e.stale = [True] * len(e.stale)
    e.slider.index = 3  # fast path
    fast = _pixels(e.frames[3].value)
    e.renderer.full()
    full = _pixels(e.renderer.html())
    assert np.array_equal(fast, full)


# ---------------------------------------------------------------------------------------------------
# projector readability


def test_text_is_at_least_14_px_at_the_frames_display_size(explorer):
    """Issue 11, item 3: every text in a frame is >= 10.5 pt, i.e. >= 14 px when the frame is shown at
    its CSS size (figure inches x 96 px); frames are drawn at twice that size and fit the page column,
    so the browser does not shrink them."""
    fig = explorer.plot.fig
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts and min(t.get_fontsize() for t in texts) >= 10.5
    assert min(t.get_fontsize() for t in texts) * 96 / 72 >= 14
    frame = explorer.frames[0].value
    width_in = fig.get_size_inches()[0]
    assert _css_width(frame) == round(width_in * 96)
    assert _png(frame).width == widgets.SCALE * _css_width(frame) == 2 * _css_width(frame)
    assert _css_width(frame) <= PAGE_COLUMN_PX


def test_slider_tracks_are_at_least_250_px_and_labels_are_not_cut(explorer):
    """Issue 11, item 3: tracks >= 250 px (width minus description minus readout); descriptions get
    a fixed width wide enough for the longest label ('who moves first' is not cut to 'who mov...')."""
    sliders = [explorer.slider, *explorer.controls.values()]
    for s in sliders:
        track = _px(s.layout.width) - _px(s.style.description_width) - widgets.READOUT_PX
        assert track >= widgets.MIN_TRACK_PX >= 250, s.description
        # about 7.5 px per character at the widgets' 13 px font
        assert len(s.description) * 7.5 <= _px(s.style.description_width), s.description


@pytest.mark.slow  # about 2-5 s: left out of `make check`, run by `make test`
def test_projector_size_is_larger_everywhere():
    """explore_*(size="projector"): a larger figure, larger text, wider controls."""
    page, big = explore_nash(), explore_nash(size="projector")
    assert big.plot.fig.get_size_inches()[0] > page.plot.fig.get_size_inches()[0]
    texts = [t for t in big.plot.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert min(t.get_fontsize() for t in texts) >= plots.FONT_SIZES["projector"] > plots.FONT_SIZES["page"]
    assert _px(big.slider.layout.width) > _px(page.slider.layout.width)
    assert "sg-projector" in big._dom_classes
    big._repr_mimebundle_()  # a projector is wide: no phone frames
    assert big.narrow is None and not any("<picture" in child.value for child in big.frames)
    with pytest.raises(ValueError, match="size must be one of"):
        explore_nash(size="huge")


def test_wide_plot_classes_are_narrowed_to_the_page():
    """Another chapter's 8-inch figure would be shrunk by the page (and its text below 14 px):
    the explorer narrows it to plots.PAGE_WIDTH."""

    class Wide(BestResponse):
        def __init__(self, params, m_M):
            super().__init__(params, m_M)
            self.fig.set_size_inches(8.0, 3.6)

    e = widgets.Explorer(Wide, widgets.start_state(m_M=1.0), "m_M", [0, 1, 2], "m", {})
    assert e.plot.fig.get_size_inches()[0] == plots.PAGE_WIDTH
    assert _css_width(e.frames[0].value) <= PAGE_COLUMN_PX


# ---------------------------------------------------------------------------------------------------
# phone readability (issue 16, section 6)


def _source(frame_html: str) -> dict:
    tag = re.search(r"<source [^>]*>", frame_html).group(0)
    return {k: v for k, v in re.findall(r'(\w+)="([^"]*)"', tag)}


def _text_px_in_phone_column(points: float, css_width: int) -> float:
    """Size (CSS px) of a ``points`` text in a frame ``css_width`` px wide, shown in a phone's column
    (``max-width: 100%`` shrinks a frame wider than the column, never widens a narrower one)."""
    return points * 96 / 72 * min(1.0, PHONE_COLUMN_PX / css_width)


def _blank_border(image: Image.Image) -> bool:
    """True if the outermost rows and columns of pixels are all the white background: nothing cut off."""
    pixels = np.asarray(image.convert("RGB"), dtype=int)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return bool(np.all(border >= 250))


def test_every_stored_frame_has_a_narrow_figure_for_phones(explorer):
    """Issue 16, section 6: each stored frame is a <picture> whose <source> (for the screens of
    NARROW_MEDIA) holds the figure laid out narrow, at its own CSS size, drawn at 2x; its <img> keeps the
    wide figure. Moving the main slider changes the narrow figure too, and its alt text is the frame's."""
    narrow_px = round(plots.NARROW_WIDTH * 96)
    pictures = []
    for child in explorer.frames:
        frame = child.value
        assert frame.startswith("<picture><source ") and frame.endswith("</picture>")
        source = _source(frame)
        assert source["media"] == widgets.NARROW_MEDIA == "(max-width: 600px)"
        assert int(source["width"]) == narrow_px == 408
        image = _png(frame, narrow=True)
        assert image.size == (2 * int(source["width"]), 2 * int(source["height"]))
        assert _png(frame).width == 2 * _css_width(frame)  # the wide figure, as before
        pictures.append(np.asarray(image.convert("RGB"), dtype=int))
    for before, after in zip(pictures, pictures[1:]):
        assert before.shape == after.shape and np.any(before != after)
    fig = explorer.narrow.plot.fig
    assert fig.get_size_inches()[0] == plots.NARROW_WIDTH
    panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    if len(panels) > 1:  # stacked: one above the other, each as wide as the figure allows
        boxes = sorted((ax.get_position() for ax in panels), key=lambda b: -b.y0)
        assert all(upper.y0 >= lower.y1 for upper, lower in zip(boxes, boxes[1:]))
        assert all(b.width >= 0.7 for b in boxes)


def test_narrow_frames_are_readable_in_a_390_px_phones_column(explorer):
    """Issue 16, section 6: on a 390 px wide phone (a 354 px column) the wide frame's 11 pt text shrinks to
    7.7 px; the narrow frame's is at least 11 px (12.7 px), and nothing is cut off at its edges."""
    texts = [t for t in explorer.narrow.plot.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    smallest = min(t.get_fontsize() for t in texts)
    assert smallest >= plots.FONT_SIZES["page"]
    narrow_css, _ = explorer.narrow.css_size
    wide_css, _ = explorer.renderer.css_size
    assert _text_px_in_phone_column(smallest, narrow_css) >= MIN_PHONE_TEXT_PX
    assert _text_px_in_phone_column(smallest, wide_css) < MIN_PHONE_TEXT_PX  # why a phone needs its own
    assert all(_blank_border(_png(child.value, narrow=True)) for child in explorer.frames[::4])


def _chapter_plots():
    from soe_grassroots import bargaining, enforcement, learning, partners, policy, primer, repeated

    nash = solve(EXAMPLE, "nash")
    return {
        "model": lambda: MarketDiagram(EXAMPLE, nash.m_M, nash.m_R),
        "nash": lambda: BestResponse(EXAMPLE, nash.m_M),
        "stackelberg": lambda: LeaderProblem(EXAMPLE, 4.0, "R"),
        "regimes": lambda: RegimeBars(EXAMPLE),
        "repeated": lambda: repeated.RepeatedPlot(EXAMPLE, 0.5),
        "enforcement": lambda: enforcement.PunishmentPlot(EXAMPLE, 0.3),
        "primer": lambda: primer.PatienceDiagram(EXAMPLE, 0.5),
        "partners": lambda: partners.ChainDiagram(EXAMPLE, 2),
        "bargaining": lambda: bargaining.SplitDiagram(EXAMPLE, 0.5),
        "policy": lambda: policy.PolicyLab(EXAMPLE, "h", -20.0),
        "learning": lambda: learning.LearningPath(EXAMPLE, 0.0, 7.2),
    }


@pytest.mark.parametrize("name", sorted(_chapter_plots()))
def test_every_chapters_figure_follows_the_explorer_contract(name):
    """CONTRIBUTING.md, "Add an explorer": every plot class an explorer shows is a widgets.ChapterFigure, its
    moving artists belong to its figure and its alt text is a sentence."""
    plot = _chapter_plots()[name]()
    assert isinstance(plot, widgets.ChapterFigure)
    assert plot.dynamic and all(artist.get_figure(root=True) is plot.fig for artist in plot.dynamic)
    assert plot.alt.strip().endswith(".") and len(plot.alt.split()) >= 8


@pytest.mark.parametrize("name", sorted(_chapter_plots()))
def test_every_chapters_explorer_figure_lays_out_narrow_and_whole(name):
    """Every plot class an explorer shows (all chapters, the repeated game's included) gets its narrow
    layout from the one shared rule, plots.stack_panels: 4.25 in wide, at most NARROW_MAX_HEIGHT tall,
    text >= 11 pt, panels in one column, every legend within the figure, nothing cut off at the edges."""
    plot = _chapter_plots()[name]()
    fig = plot.fig
    plots.apply_font_floor(fig)
    plots.stack_panels(fig)
    width, height = fig.get_size_inches()
    assert width == plots.NARROW_WIDTH and height <= plots.NARROW_MAX_HEIGHT + 1e-6
    fig.set_dpi(plots.CSS_DPI)  # the layout is in inches: the frames' resolution is not needed here
    canvas = widgets.FigureCanvasAgg(fig)
    canvas.draw()
    for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
        if legend is not None:
            box = legend.get_window_extent()
            assert box.x0 >= -1 and box.x1 <= fig.bbox.width + 1, (name, box, fig.bbox)
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    assert _blank_border(image), name
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert min(t.get_fontsize() for t in texts) >= plots.FONT_SIZES["page"]
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_stack_panels_moves_panels_to_one_column_and_keeps_the_reserved_room():
    """plots.stack_panels: three side-by-side panels go one above the other in their order, each at least
    NARROW_ASPECT of its width tall while the figure stays within NARROW_MAX_HEIGHT; the room a layout
    keeps above the panels (its rect) keeps its height in inches; a figure text wraps at the edge."""
    fig, axes = plots.new_figure(7.0, 3.0, ncols=3)
    fig.get_layout_engine().set(rect=(0, 0, 1, 0.8))  # 0.6 in kept free at the top, as the policy lab does
    note = fig.text(0.5, 0.99, "a long line of text that is wider than a phone's figure " * 2, ha="center", va="top")
    plots.stack_panels(fig)
    width, height = fig.get_size_inches()
    assert width == plots.NARROW_WIDTH and height <= plots.NARROW_MAX_HEIGHT + 1e-6
    assert [ax.get_subplotspec().rowspan.start for ax in axes] == [0, 1, 2]
    assert all(ax.get_subplotspec().colspan == range(0, 1) for ax in axes)
    left, bottom, w, h = fig.get_layout_engine().get()["rect"]
    assert (1 - bottom - h) * height == pytest.approx(0.2 * 3.0)
    assert note.get_wrap()
    fig.draw_without_rendering()
    tops = [ax.get_position().y1 for ax in axes]
    assert tops == sorted(tops, reverse=True) and tops[0] <= 1 - 0.2 * 3.0 / height + 1e-6


def test_stack_panels_takes_columns_from_a_legend_wider_than_the_figure():
    """A legend of three columns that a 4.25 in figure cannot hold gets fewer columns, all its entries,
    in their order (down the columns), and fits."""
    fig, (left, right) = plots.new_figure(7.0, 3.5, ncols=2)
    for k in range(6):
        left.plot([0, 1], [k, k], label=f"a rather long label number {k}")
    legend = fig.legend(loc="outside lower center", ncols=3, frameon=False)
    fig.draw_without_rendering()
    assert legend.get_window_extent().width > plots.NARROW_WIDTH * fig.dpi  # too wide for a phone's figure
    plots.stack_panels(fig)
    fig.draw_without_rendering()
    assert legend.get_window_extent().width <= fig.bbox.width
    columns = legend._legend_handle_box.get_children()
    assert 1 <= len(columns) < 3
    order = [item.get_children()[1].get_text() for column in columns for item in column.get_children()]
    assert order == [f"a rather long label number {k}" for k in range(6)]


def test_stack_panels_gives_a_fixed_aspect_panel_the_height_to_fill_the_width():
    """An axes with equal aspect (a square of markups) in a stacked figure is not left a small square in
    a short row: its row gets the height it needs (within NARROW_MAX_HEIGHT)."""
    fig, (square, other) = plots.new_figure(7.0, 3.5, ncols=2)
    square.plot([0, 8], [0, 8])
    square.set_xlim(0, 8)
    square.set_ylim(0, 8)
    square.set_aspect("equal", adjustable="box")
    other.plot([0, 1], [0, 1])
    plots.stack_panels(fig)
    fig.draw_without_rendering()
    assert square.get_position().width * plots.NARROW_WIDTH >= 0.75 * other.get_position().width * plots.NARROW_WIDTH


def test_phone_frames_are_drawn_once_when_a_notebook_shows_the_explorer():
    """The phone frames cost nothing until the explorer is shown (an explorer made in a test or a script
    keeps plain <img> frames); showing it twice draws them once."""
    e = explore_model()
    assert e.narrow is None and all(child.value.startswith("<img ") for child in e.frames)
    e._repr_mimebundle_()
    first = [child.value for child in e.frames]
    assert all(v.startswith("<picture>") for v in first)
    e._repr_mimebundle_()
    assert [child.value for child in e.frames] == first
    assert e.state["m_M"] == e.values[e.slider.index]  # the state is back at the slider's position


def test_live_redraws_and_late_shows_have_no_narrow_frames():
    """In a live notebook a redraw shows the wide figure only (plain <img>), so no narrow frame drawn for
    other parameters can ever show; an explorer first shown after another control moved gets no phone
    frames (they would be out of date). (size="projector": test_projector_size_is_larger_everywhere.)"""
    def small():
        return widgets.Explorer(BestResponse, widgets.start_state(m_M=1.0), "m_M", [0.0, 1.0, 2.0], "m",
                                {"x": widgets.PARAM_SLIDERS["x"]})

    e = small()
    e._repr_mimebundle_()
    assert all(child.value.startswith("<picture>") for child in e.frames)
    e.controls["x"].value = 14.0
    shown = _shown(e)
    assert shown.startswith("<img ") and "<source" not in shown
    e.slider.index = (e.slider.index + 1) % len(e.values)
    assert _shown(e).startswith("<img ")
    late = small()
    late.controls["x"].value = 14.0
    late._repr_mimebundle_()
    assert late.narrow is None and not any("<picture" in child.value for child in late.frames)


def test_the_site_moves_both_figures_of_a_frame_to_files_and_lazy_loads_them(tmp_path):
    """book/_ext/rewrites.py (frames_as_files) writes a <picture> frame's narrow and wide PNG to _images/ and points
    the saved widget state at them: the browser then fetches only the one its screen selects."""
    import json
    import sys

    import lxml.html

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import rewrites

    e = widgets.Explorer(BestResponse, widgets.start_state(m_M=1.0), "m_M", [0.0, 1.0], "m", {})
    e.draw_phone_frames()
    frame = e.frames[0].value
    state = json.dumps({"state": {"f": {"model_name": "HTMLModel", "state": {"value": frame}}}})
    page = rewrites.Page(tmp_path / "book" / "ch.html", tmp_path, lxml.html.document_fromstring(
        f'<html><body><script type="application/vnd.jupyter.widget-state+json">{state}</script></body></html>'))
    rewrites.frames_as_files(page)
    out = page.root.xpath("//script")[0].text
    files = sorted((tmp_path / "_images").glob("wf-*.png"))
    assert len(files) == 2 and "base64" not in out
    value = json.loads(out)["state"]["f"]["state"]["value"]
    srcset = re.search(r'<source [^>]*srcset="([^"]+)"', value).group(1)
    src = re.search(r'<img [^>]*src="([^"]+)"', value).group(1)
    assert {(page.path.parent / srcset).resolve(), (page.path.parent / src).resolve()} == {f.resolve() for f in files}
    assert (page.path.parent / srcset).resolve().read_bytes() == _png_bytes(frame, narrow=True)
    assert re.search(r'<img [^>]*loading="lazy"', value) and 'media="(max-width: 600px)"' in value


def _png_bytes(frame_html: str, narrow: bool) -> bytes:
    data = re.search(r'\bsrcset="data:image/png;base64,([^"]+)"' if narrow
                     else r'\bsrc="data:image/png;base64,([^"]+)"', frame_html).group(1)
    return base64.b64decode(data)


# ---------------------------------------------------------------------------------------------------
# no dead controls on the static site


def test_live_only_controls_and_static_only_note(explorer):
    """Issue 8, item 10: the controls that need a kernel carry `sg-live-only` (hidden by the site's
    book.css), the note saying where they work carries `sg-static-only` and an inline display:none
    (hidden in JupyterLab, which does not load book.css). The main slider and its frames carry neither."""
    assert widgets.LIVE_ONLY in explorer.controls_box._dom_classes
    assert set(explorer.controls_box.children) == set(explorer.controls.values())
    assert widgets.STATIC_ONLY in explorer.note._dom_classes and explorer.note.layout.display == "none"
    assert "make lab" in explorer.note.value and explorer.note.value.count("<br") == 0
    for widget in (explorer.slider, explorer.stack):
        assert not {widgets.LIVE_ONLY, widgets.STATIC_ONLY} & set(widget._dom_classes)
    assert explorer.children[:2] == (explorer.slider, explorer.stack)  # the browser suite finds them so


def test_book_css_hides_live_only_and_shows_static_only():
    """The site's stylesheet does what the classes promise, overriding the note's inline style."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "book" / "_static" / "book.css").read_text(), flags=re.S)
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", css))
    rules = {k.strip(): v for k, v in rules.items()}
    assert re.search(r"display:\s*none\s*!important", rules[".sg-live-only"])
    assert re.search(r"display:\s*(flex|block)\s*!important", rules[".sg-static-only"])


# ---------------------------------------------------------------------------------------------------
# invalid values


@pytest.mark.slow  # about 2-5 s: left out of `make check`, run by `make test`
@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_invalid_parameters_show_the_rule_in_the_figures_place(factory):
    """Bad input in a live explorer (x <= y*h) shows the rule in words, never a traceback or NaN plot,
    in a box of the figure's size: the stack keeps its height, so nothing below it jumps."""
    e = factory()
    width, height = e.renderer.css_size
    assert e.stack.layout.height == f"{height}px"
    if "h" in e.controls:
        e.controls["h"].value = 8.0
        e.controls["x"].value = 4.0
    else:  # the main slider moves h
        e.controls["x"].value = 4.0
        e.slider.index = len(e.values) - 1
    assert e.stack.selected_index == len(e.frames)  # the message's place
    assert "x must exceed y*h" in e.message.value and "Traceback" not in e.message.value
    assert f"height:{height}px" in e.message.value and f"width:{width}px" in e.message.value
    assert e.stack.layout.height == f"{height}px" and e.stack.layout.display is None
    e.controls["x"].value = 20.0
    assert e.message.value == "" and e.stack.selected_index == e.slider.index
    assert _alt(_shown(e))


def test_explorers_accept_other_parameters():
    """An instructor can start an explorer from any valid parameter set."""
    p = EXAMPLE.replace(x=15.0, T_M=2.0)
    e = explore_cooperation(p)
    assert e.state["x"] == 15.0 and e.state["T_M"] == 2.0


# ---------------------------------------------------------------------------------------------------
# figures that fit their data


def _data_top(ax) -> tuple[float, float]:
    """Largest x and y drawn in data coordinates on ``ax`` (lines, bars, polygons)."""
    xs, ys = [0.0], [0.0]
    for line in ax.lines:
        if line.get_transform() != ax.transData or not line.get_visible():
            continue  # axvline and friends span the axes, not the data
        x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        if x.size:
            xs.append(x.max())
            ys.append(y.max())
    for patch in ax.patches:
        if isinstance(patch, Rectangle):
            if patch.get_height() > 0:
                ys.append(patch.get_y() + patch.get_height())
                xs.append(patch.get_x() + patch.get_width())
        else:
            xy = patch.get_xy()
            xs.append(xy[:, 0].max())
            ys.append(xy[:, 1].max())
    return max(xs), max(ys)


def _assert_fits(ax, skip_x=False):
    x_top, y_top = _data_top(ax)
    if not skip_x:
        assert x_top <= ax.get_xlim()[1] <= MAX_FACTOR * x_top, (ax.get_xlabel(), ax.get_xlim(), x_top)
    assert y_top <= ax.get_ylim()[1] <= MAX_FACTOR * y_top, (ax.get_ylabel(), ax.get_ylim(), y_top)


FIGURES = {
    "market_diagram": lambda p: market_diagram(p, solve(p, "nash").m_M, solve(p, "nash").m_R),
    "best_response": lambda p: best_response_figure(p, 0.5 * p.a / p.y),
    "leader_M": lambda p: leader_figure(p, solve(p, "nash").m_M, "M"),
    "leader_R": lambda p: leader_figure(p, solve(p, "nash").m_R, "R"),
    "regime_bars": regime_bars,
}


@pytest.mark.parametrize("name", FIGURES)
def test_static_figures_fit_their_data_at_the_running_example(name):
    """Issue 8, item 9: at the stated parameters no axis runs far past what is drawn on it (the
    best-response axis used to run to 50 for a curve that peaks at 12, the bars' to 140 for 72)."""
    fig = FIGURES[name](EXAMPLE)
    for ax in fig.axes:
        _assert_fits(ax, skip_x=name == "regime_bars")  # bars: categories on x


def test_best_response_axis_ends_just_above_the_peak():
    """ch-nash's figure at m_M = 4: R's payoff peaks at T (a - m_M)^2 / 4 = 12 (sympy)."""
    m_M, m_R = sp.symbols("m_M m_R", nonnegative=True)
    p = EXAMPLE
    T, a, y = (sp.nsimplify(v) for v in (p.T, p.a, p.y))
    E_R = T * (a - y * (m_M + m_R)) * m_R
    peak = sp.maximum(E_R.subs(m_M, 4), m_R, sp.Interval(0, 4))
    assert peak == 12
    ax = best_response_figure(p, 4.0).axes[0]
    assert 12 <= ax.get_ylim()[1] <= 1.1 * 12


@settings(max_examples=12, deadline=None)
@given(x_over=st.floats(1.05, 20), y=st.floats(0.1, 5), h=st.floats(0, 5), T_M=st.floats(0.2, 3),
       T_R=st.floats(0.2, 3), name=st.sampled_from(sorted(FIGURES)))
def test_static_figures_fit_their_data_everywhere(x_over, y, h, T_M, T_R, name):
    """The same over the parameter space: axes follow the data, whatever the scale."""
    p = Params(x=y * h * x_over + 1.0, y=y, h=h, T_M=T_M, T_R=T_R)
    fig = FIGURES[name](p)
    for ax in fig.axes:
        _assert_fits(ax, skip_x=name == "regime_bars")
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_explorer_axes_fit_the_data_over_the_main_sliders_range(explorer):
    """An explorer's axes stay put while the main slider moves, so they fit the envelope of the data
    over its positions: at least one frame comes close to each axis' end, none goes beyond it."""
    e = explorer
    tops = []
    for value in e.values:
        e.state[e.main] = value
        e._update_plot()
        tops.append([_data_top(ax) for ax in e.plot.fig.axes])
    e.state[e.main] = e.values[e.slider.index]
    e._update_plot()
    for i, ax in enumerate(e.plot.fig.axes):
        x_top = max(t[i][0] for t in tops)
        y_top = max(t[i][1] for t in tops)
        assert y_top <= ax.get_ylim()[1] <= MAX_FACTOR * y_top
        if e.plot.__class__ is not RegimeBars:
            assert x_top <= ax.get_xlim()[1] <= MAX_FACTOR * x_top


def test_regime_legend_swatches_are_in_the_colours_of_the_bars():
    """Issue 8, item 9: each legend entry of the stacked bars shows the four regime colours."""
    from matplotlib.colors import to_hex

    fig = regime_bars(EXAMPLE)
    fig.canvas.draw()
    legend = fig.axes[0].get_legend()
    swatches = [a for a in legend.findobj(Rectangle) if a is not legend.legendPatch and a.get_width() > 0
                and a.get_visible() and a.figure is fig and a not in fig.axes[0].patches]
    edges = {to_hex(s.get_edgecolor()) for s in swatches}
    assert {c.lower() for c in plots.COLORS.values()} <= edges
    assert "#696969" not in edges  # no grey swatch for coloured bars
    bars = {to_hex(b.get_facecolor()[:3]) for b in fig.axes[1].patches}
    assert bars == {plots.COLORS[r].lower() for r in REGIMES}


@pytest.mark.parametrize("plot_class, args", [(BestResponse, {}), (LeaderProblem, {"leader": "M"})])
def test_coinciding_markers_stay_distinguishable(plot_class, args):
    """At the Nash markup the slider's point sits on the Nash point (ch-nash) or on the Stackelberg
    peak (ch-stackelberg): a hollow, larger square drawn on top of a filled disc, so both stay visible."""
    p = EXAMPLE
    if plot_class is BestResponse:
        plot = plot_class(p, solve(p, "nash").m_M)
        moving, fixed = plot.current, plot.lines[2]
        assert np.allclose(moving.get_xydata(), fixed.get_xydata())
    else:
        plot = plot_class(p, solve(p, "soe_leads").m_M, **args)
        moving, fixed = plot.current, plot.peak
        assert np.allclose(moving.get_xydata(), fixed.get_xydata())
    assert moving.get_marker() != fixed.get_marker()
    assert moving.get_markerfacecolor() == "none"
    assert moving.get_markersize() > fixed.get_markersize()
    assert moving.get_zorder() > fixed.get_zorder()


def test_initiatives_marks_only_the_papers_lower_bounds():
    """Issue 8, item 8: the paper reports 38 projects and 250 billion yuan exactly, and "more than 30"
    projects and "over 200 billion" yuan: only those two are lower bounds."""
    paper = (ROOT.parent / "shared" / "paper" / "lin-xia-2025-soe-grassroots.md")
    if paper.is_file():
        text = paper.read_text()
        assert "signed 38 industrial cooperation projects" in text and "invested over 200 billion" in text
        assert "more than 30 investment projects with a total investment of 250 billion" in text
    fig = initiatives()
    labels = sorted(t.get_text() for ax in fig.axes for t in ax.texts)
    assert labels == ["250", "38", "more than 200", "more than 30"]
    assert not any("at least" in ax.get_xlabel() for ax in fig.axes)
    bounds = {(n, k) for n, case in CASES.items() for k in case["more_than"]}
    assert bounds == {("SOEs Entering Daliang Mountain (2016-2019)", "investment"), ("SOEs Kamba Action", "projects")}


class _AutoscaledLine:
    """A plot that leaves its axes' limits to matplotlib (another chapter's plot class might)."""

    def __init__(self, params, k):
        self.fig, self.ax = plots.new_figure(5.0, 3.0)
        (self.line,) = self.ax.plot([0, 1], [0, 1])
        self.dynamic = [self.line]
        self.update(params, k)

    def update(self, params, k):
        self.line.set_data([0, 1], [0, params.x * k])
        self.alt = f"A straight line from the origin up to {params.x * k:.2f}, the demand intercept times k."


def test_explorer_refits_axes_that_the_plot_leaves_to_matplotlib():
    """The envelope also follows plots that autoscale: after x doubles, the line's new top is in view."""
    e = widgets.Explorer(_AutoscaledLine, widgets.start_state(k=1.0), "k", [1.0, 2.0], "k",
                         {"x": widgets.PARAM_SLIDERS["x"]})
    assert 20 <= e.plot.ax.get_ylim()[1] <= MAX_FACTOR * 20  # x = 10, k up to 2
    e.controls["x"].value = 20.0
    assert 40 <= e.plot.ax.get_ylim()[1] <= MAX_FACTOR * 40


@settings(deadline=None, max_examples=60)
@given(st.binary(max_size=3000), st.binary(max_size=3000))
def test_adler32_combine_is_zlibs_checksum_of_the_joined_bytes(first, second):
    import zlib

    joined = widgets.adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert joined == zlib.adler32(first + second)


@settings(deadline=None, max_examples=30)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_fast_png_decodes_to_exactly_the_pixels_it_was_given(height, width, seed):
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 4), dtype=np.uint8)
    image = Image.open(io.BytesIO(widgets.fast_png(pixels)))
    image.load()  # zlib checks the stream's Adler-32 here
    assert image.mode == "RGBA" and np.array_equal(np.asarray(image), pixels)


def test_a_live_redraw_is_the_canvas_pixel_for_pixel_and_the_fast_path_floors_the_moving_texts():
    e = explore_nash(size="projector")
    e.stale = [True] * len(e.stale)
    e.slider.index = (e.slider.index + 1) % len(e.values)
    data = re.search(r'src="data:image/png;base64,([^"]+)"', e.frames[e.slider.index].value).group(1)
    shown = np.asarray(Image.open(io.BytesIO(base64.b64decode(data))))
    assert np.array_equal(shown, np.asarray(e.renderer.canvas.buffer_rgba()))
    texts = [t for a in e.plot.dynamic for t in a.findobj(Text)]
    assert all(t.get_fontsize() >= plots.FONT_SIZES["projector"] for t in texts)
    with pytest.raises(ValueError, match="rgba must be"):
        widgets.fast_png(np.zeros((2, 2, 3), np.uint8))


def test_start_state_is_the_parameters_and_the_choices_exactly():
    p = EXAMPLE.replace(h=3.0)
    assert widgets.start_state(p, m_M=8 / 3) == {"x": 10.0, "y": 1.0, "h": 3.0, "T_M": 1.5, "T_R": 2.0, "m_M": 8 / 3}
    with pytest.raises(ValueError, match="choices must not name a parameter"):
        widgets.start_state(h=1.0)
