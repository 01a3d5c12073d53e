"""Explorers: sliders over one of the book's figures.

Each chapter's figure class and its ``explore_<chapter>`` live in the chapter's module
(`soe_grassroots.nash.BestResponse`, `soe_grassroots.nash.explore_nash`, ...); this module holds
what they share: `Explorer`, the contract a figure class meets (`ChapterFigure`), `start_state`,
`markup_grid` and the parameter sliders `PARAM_SLIDERS`.

An explorer has one **main slider** and a few other controls. The main slider
works everywhere: when a notebook is executed, one frame of the figure is drawn
for each of its positions and the frames sit in an `ipywidgets.Stack`, linked to
the slider in the browser with `ipywidgets.jslink`. On the static site, with no
kernel, moving the slider shows the frame drawn for that position; the other
controls, which need a kernel, are hidden there (CSS class ``sg-live-only``,
hidden by the site's ``book.css``) and one line (class ``sg-static-only``,
hidden by an inline style wherever ``book.css`` is not loaded, as in
JupyterLab) says where they work. In a live notebook every control recomputes.

Three rules keep what the reader sees true:

* **The state is exact.** The explorer's ``state`` holds the values the text
  states (8/3, not 2.7). A control shows the nearest value it can; the value a
  slider sends back after rounding to its step (its "echo") is ignored; only a
  move by the reader changes the state. The main slider's positions include
  the starting value itself.
* **No stale frame.** The stored frames are drawn for the starting parameters.
  As soon as another control moves, the browser-side link is removed and the
  kernel chooses the frame to show, after redrawing it for the new parameters.
* **Axes fit the data.** Each plot sizes its axes to what it draws; the
  explorer fixes them to the envelope over the main slider's positions, so that
  they stay put while the main slider moves, and recomputes that envelope when
  another control changes.

Frames are drawn at twice the display resolution (sharp at any zoom and on
high-density screens) and shown at ``figure inches x 96`` CSS pixels, where
every text is at least 11 pt, that is 14.7 px at 100 % zoom. ``size="projector"``
makes figures, fonts and controls larger for a class.

**Phones get frames of their own.** A 390 px wide phone shows a 7-inch (672 px)
frame in a 354 px column, its 11 pt text shrunk to 7.7 px. So every stored
frame is a ``<picture>``: its ``<img>`` holds the figure as above, and its
``<source>``, which the browser takes instead on screens of `NARROW_MEDIA`,
holds the same figure laid out for a phone by `plots.stack_panels` (the
panels one above the other, `plots.NARROW_WIDTH` = 4.25 inches wide, the same
fonts), whose text is 12.7 px in that column. Every explorer gets them, from
this class, when a notebook shows it (`Explorer.draw_phone_frames`: an
explorer made but not shown, as in the tests, costs no phone frames); the
saved widget state holds both sets, and the browser fetches only the set its
screen selects (the site keeps each frame in a file,
``book/_ext/fast_pages.py``), so a phone downloads the narrow frames and a
desktop the wide ones. The main slider's browser-side link is unchanged: it
picks the frame, the screen picks the figure. Redraws in a live notebook, on a
computer, show the wide figure only.

Redrawing is cheap: a move of the main slider restores the saved background
and draws only the artists that move (blitting), floors the fonts of those
artists only, and encodes the frame with `fast_png`. Other controls redraw the
whole figure. Parameters that break the model's rules (for example
``x <= y*h``) show the rule in plain words in the figure's place, in a box of
the figure's size, so that nothing below it jumps.
"""

from __future__ import annotations

import base64
import html
import io
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any, Protocol, runtime_checkable

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from . import plots
from .params import EXAMPLE, Params

SCALE = 2
"""Device pixels per CSS pixel in a frame: frames are drawn at ``SCALE * 96`` dpi."""

DPI = SCALE * plots.CSS_DPI
"""Resolution of the explorers' frames (pixels per inch of figure)."""

SIZES = {
    "page": {"figure": 1.0, "slider": 640, "description": 190, "label_px": None, "narrow": plots.NARROW_WIDTH},
    "projector": {"figure": 1.4, "slider": 920, "description": 300, "label_px": 20, "narrow": None},
}
"""Display sizes: figure scale (relative to at most `plots.PAGE_WIDTH` inches),
control width and description width (CSS px), font size of the controls' labels,
width (inches) of the narrow frames for phones (None: no narrow frames; a
projector is wide). The fonts inside the figure come from `plots.FONT_SIZES`."""

NARROW_MEDIA = "(max-width: 600px)"
"""The screens that get the narrow frames (a media query on the viewport's width, in CSS px). Below it a
wide frame (up to 672 px) would be shrunk to less than 0.83 of its size, its 11 pt text below 12 px; a
narrow frame (`plots.NARROW_WIDTH`, 408 px) is shown at 87 % or more of its size down to a 390 px phone."""

READOUT_PX = 110
"""Room (CSS px) that a slider's readout and margins take, at most, beside its track."""

MIN_TRACK_PX = 250
"""Shortest slider track (CSS px): a drag of a few pixels must not jump far."""

STATIC_NOTE = (
    "<span class='sg-note'>The other sliders work in a live notebook: <code>make lab</code> "
    "(README, section \u201cFor instructors\u201d).</span>"
)
"""The one line that the static site shows below an explorer's figure."""

STATIC_ONLY, LIVE_ONLY = "sg-static-only", "sg-live-only"
"""CSS classes: shown only on the static site / only in a live notebook (see ``book.css``)."""

PARAM_SLIDERS = {
    "x": (4.0, 20.0, 0.5, "demand intercept x"),
    "y": (0.25, 3.0, 0.05, "demand slope y"),
    "h": (0.0, 8.0, 0.25, "unit cost h"),
    "T_M": (0.25, 3.0, 0.05, "SOE reputation T_M"),
    "T_R": (0.25, 3.0, 0.05, "grassroots role T_R"),
}
_FIELDS = tuple(PARAM_SLIDERS)


def _check_size(size: str) -> dict:
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(map(repr, SIZES))} (got {size!r})")
    return SIZES[size]


ADLER_BASE = 65521
"""The modulus of the Adler-32 checksum that closes a zlib stream (RFC 1950)."""


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from each one's Adler-32 and the second one's length.

    The same arithmetic as zlib's ``adler32_combine``, which Python's `zlib` does not expose.

    Examples
    --------
    >>> a, b = b"one explorer, ", b"one contract"
    >>> adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)
    True
    """
    rem = second_length % ADLER_BASE
    low = ((first & 0xFFFF) + (second & 0xFFFF) + ADLER_BASE - 1) % ADLER_BASE
    high = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + ADLER_BASE - rem) % ADLER_BASE
    return (high << 16) | low


PNG_STRIPS = 2
"""Horizontal strips of a live frame that are compressed at once, in threads (zlib releases the GIL)."""


@cache
def _encoder_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=PNG_STRIPS, thread_name_prefix="sg-png")


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def fast_png(rgba: np.ndarray) -> bytes:
    """A lossless PNG of an ``(height, width, 4)`` uint8 RGBA array, quickly: for live redraws.

    Pillow tries PNG's filters on every row and compresses in one thread: about 37 ms for a
    projector-size frame on the book's two-core machine.
    Here the rows are stored unfiltered and `PNG_STRIPS` strips are deflated (level 1) at once in
    threads, each ending on a byte boundary (``Z_SYNC_FLUSH``), so that they join into one zlib stream;
    its checksum is combined from the strips' (`adler32_combine`). The file is a little larger and
    decodes to exactly the same pixels.

    Examples
    --------
    >>> from PIL import Image
    >>> pixels = np.random.default_rng(0).integers(0, 256, (5, 3, 4), dtype=np.uint8)
    >>> np.array_equal(np.asarray(Image.open(io.BytesIO(fast_png(pixels)))), pixels)
    True
    """
    height, width, channels = rgba.shape
    if channels != 4 or rgba.dtype != np.uint8:
        raise ValueError(f"rgba must be a (height, width, 4) uint8 array (got {rgba.dtype} {rgba.shape})")
    strips = max(1, min(PNG_STRIPS, height))  # no empty strip
    bounds = np.linspace(0, height, strips + 1).astype(int)

    def strip(i: int) -> tuple[bytes, int, int]:
        lo, hi = bounds[i], bounds[i + 1]
        rows = np.empty((hi - lo, 1 + 4 * width), np.uint8)
        rows[:, 0] = 0  # each row's first byte: its filter, 0 (none)
        rows[:, 1:] = rgba[lo:hi].reshape(hi - lo, -1)
        deflate = zlib.compressobj(1, zlib.DEFLATED, -15)  # raw deflate: the zlib header is written once
        last = i == strips - 1
        data = rows.data  # a memoryview: no copy
        return deflate.compress(data) + deflate.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH), \
            zlib.adler32(data), rows.size

    parts = list(_encoder_pool().map(strip, range(strips)))
    checksum = parts[0][1]
    for _, adler, size in parts[1:]:
        checksum = adler32_combine(checksum, adler, size)
    stream = b"\x78\x01" + b"".join(body for body, _, _ in parts) + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", stream)
            + _png_chunk(b"IEND", b""))


def slider_echo(value: float, lo: float, hi: float, step: float) -> float:
    """The value a slider with ``min=lo, max=hi, step=step`` shows (and sends back) for ``value``.

    Examples
    --------
    >>> slider_echo(8 / 3, 0.0, 10.0, 0.1)
    2.7
    >>> slider_echo(25.0, 4.0, 20.0, 0.5)
    20.0
    """
    value = min(max(float(value), lo), hi)
    if step:
        value = lo + round((value - lo) / step) * step
    return round(min(max(value, lo), hi), 12)


class Renderer:
    """Turn a chapter's figure (a `ChapterFigure`) into PNG frames, fast.

    ``full()`` draws everything and keeps the background; ``fast()`` redraws
    only ``plot.dynamic`` over that background. Frames are drawn at `DPI` and
    shown at `plots.CSS_DPI` (the ``<img>`` has the figure's CSS size).
    """

    def __init__(self, plot):
        self.plot = plot
        fig = plot.fig
        fig.set_dpi(DPI)
        self.canvas = FigureCanvasAgg(fig)
        self.canvas.draw()  # lay the axes out once, then keep them still
        fig.set_layout_engine("none")
        for artist in plot.dynamic:
            artist.set_animated(True)
        self.background = None

    @property
    def css_size(self) -> tuple[int, int]:
        """Width and height (CSS px) at which a frame is shown."""
        width, height = self.canvas.get_width_height()
        return round(width / SCALE), round(height / SCALE)

    def full(self) -> None:
        """Draw the static parts, keep them, and draw the moving artists."""
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.plot.fig.bbox)
        self._draw_dynamic()

    def fast(self) -> None:
        """Redraw only the moving artists over the kept background."""
        if self.background is None:
            return self.full()
        self.canvas.restore_region(self.background)
        self._draw_dynamic()

    def _draw_dynamic(self) -> None:
        for artist in self.plot.dynamic:
            (artist.axes or self.plot.fig).draw_artist(artist)

    def png(self, small: bool = False) -> bytes:
        """The current canvas as PNG: ``small`` quantizes it for stored frames (a slow encoder, small
        files); otherwise lossless and fast, for a live redraw (`fast_png`)."""
        if not small:
            return fast_png(np.asarray(self.canvas.buffer_rgba()))
        image = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        # 48 colours without dithering: flat areas stay flat and compress well
        image.convert("RGB").quantize(colors=48, method=Image.Quantize.FASTOCTREE,
                                      dither=Image.Dither.NONE).save(buffer, "png", compress_level=9)
        return buffer.getvalue()

    def html(self, small: bool = False) -> str:
        """An ``<img>`` of the current canvas at its CSS size, with the plot's alt text."""
        data = base64.b64encode(self.png(small)).decode("ascii")
        width, height = self.css_size
        return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.plot.alt)}" '
                f'width="{width}" height="{height}" style="max-width:100%;height:auto">')

    def source(self, small: bool = False, media: str = NARROW_MEDIA) -> str:
        """A ``<source>`` of the current canvas for a ``<picture>``: shown instead of its ``<img>`` on the
        screens that ``media`` selects, at its own CSS size (``width`` and ``height``)."""
        data = base64.b64encode(self.png(small)).decode("ascii")
        width, height = self.css_size
        return (f'<source media="{media}" srcset="data:image/png;base64,{data}" '
                f'width="{width}" height="{height}">')

    def message(self, text: str) -> str:
        """A box of the frame's size that says, in words, why there is no figure."""
        width, height = self.css_size
        return (f"<div role='alert' style='box-sizing:border-box;width:{width}px;max-width:100%;"
                f"height:{height}px;display:flex;align-items:center;justify-content:center;padding:1em;"
                "border:1px dashed #B00020;color:#B00020;text-align:center;line-height:1.4'>"
                f"<p><b>No figure for these values.</b> {html.escape(text)}.</p></div>")


@runtime_checkable
class ChapterFigure(Protocol):
    """What `Explorer` needs of a chapter's figure: the one explorer contract (CONTRIBUTING.md).

    A plot class is built as ``plot_class(params, **choices)``, where ``choices`` are the explorer's state
    without the five parameters (the main slider's value among them), and draws its figure once.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
        The figure, from `soe_grassroots.plots.new_figure` (text of at least 11 pt).
    dynamic : list
        The artists the main slider moves; only these are redrawn when it moves (blitting).
    alt : str
        A sentence saying what the figure shows now, kept up to date by ``update``.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> from soe_grassroots.nash import BestResponse
    >>> isinstance(BestResponse(EXAMPLE, 2.0), ChapterFigure)
    True
    """

    fig: Any
    dynamic: list
    alt: str

    def update(self, params: Params, *args: Any, **choices: Any) -> None:
        """Move the artists to the new parameters and choices, and rewrite ``alt``."""


class Explorer(W.VBox):
    """A chapter's figure with sliders: what every ``explore_<chapter>`` returns.

    Parameters
    ----------
    plot_class : type
        A chapter's figure class (a `ChapterFigure`, for example `soe_grassroots.nash.BestResponse`), built as
        ``plot_class(params, **choices)``, with ``.fig``, ``.dynamic``, ``.alt``
        and ``.update(params, **choices)``; its figure's panels side by side
        on one row (`plots.new_figure`). The explorer builds one, ``plot``, for
        the wide frames, and when it is shown another, ``narrow.plot``, laid
        out for phones (`draw_phone_frames`).
    state : dict
        Starting values: the five parameters and the plot's choices, from `start_state`. They are
        kept exactly (controls show the nearest value they can).
    main : str
        The key of ``state`` that the main slider sets.
    main_values : sequence of float
        The main slider's positions (one stored frame each); the starting
        value ``state[main]`` is added if it is not among them.
    main_label : str
        The main slider's description.
    others : dict
        Other sliders: ``key -> (min, max, step, description)``.
    extra : dict, optional
        Other widgets (for example a dropdown): ``key -> widget``; their
        ``value`` goes into ``state[key]``.
    size : {"page", "projector"}, optional
        ``"projector"`` draws a larger figure with larger text and wider
        controls, for a class (see `SIZES`), and no narrow frames for phones;
        ``"page"`` stores with each frame a narrow figure for phones (see the
        module docstring).

    Examples
    --------
    >>> from soe_grassroots.nash import BestResponse
    >>> e = Explorer(BestResponse, start_state(m_M=8 / 3), "m_M", [0, 2, 4, 6, 8],
    ...              "SOE markup m_M", {"x": PARAM_SLIDERS["x"]})
    >>> len(e.frames), e.state["m_M"] == 8 / 3   # 8/3 added to the positions, exactly
    (6, True)
    >>> e.controls["x"].value = 12.0               # a live change: the kernel now picks the frame
    >>> e.link is None, e.stack.selected_index == e.slider.index
    (True, True)
    """

    def __init__(self, plot_class, state, main, main_values, main_label, others, extra=None, *,
                 size: str = "page"):
        spec = _check_size(size)
        self.size = size
        self.state = dict(state)
        self.main = main
        start_value = float(self.state[main])
        values = sorted({float(v) for v in main_values})
        if not any(np.isclose(v, start_value, rtol=0, atol=1e-12) for v in values):
            values = sorted([*values, start_value])
        self.values = values
        start = int(np.argmin(np.abs(np.array(values) - start_value)))
        self.values[start] = start_value  # the exact value, not a neighbour within 1e-12
        desc_style = {"description_width": f"{spec['description']}px"}
        control_layout = dict(width=f"{spec['slider']}px", max_width="100%")
        self.slider = W.SelectionSlider(
            options=list(zip(self._labels(values), values)), index=start, description=main_label,
            continuous_update=True, style=desc_style, layout=W.Layout(**control_layout),
        )
        plot = plot_class(self._params(), **self._choices())
        self._size_figure(plot.fig, spec["figure"])
        self.plot = plot
        # axes whose limits the plot leaves to matplotlib: rescaled to the data before each envelope
        self._autoscaled = [(ax.get_autoscalex_on(), ax.get_autoscaley_on()) for ax in plot.fig.axes]
        self._fit_limits()
        self._update_plot()
        self.renderer = Renderer(plot)
        self.renderer.full()  # the background: everything the main slider does not move
        self.plot_class = plot_class
        self.narrow: Renderer | None = None  # the figure laid out for phones, once drawn (draw_phone_frames)
        frames = []
        for value in self.values:  # one frame per position, drawn now and stored
            self.state[main] = value
            frames.append(W.HTML(self._draw(fast=True, small=True)))
        self.state[main] = start_value
        self._update_plot()
        width, height = self.renderer.css_size
        self.message = W.HTML()
        self.frames = frames
        self.stale = [False] * len(frames)
        # the last child is the place of the message for invalid values: same size as a frame
        self.stack = W.Stack([*frames, self.message], selected_index=start,
                             layout=W.Layout(height=f"{height}px", max_width="100%"))
        self.link = W.jslink((self.slider, "index"), (self.stack, "selected_index"))
        self.controls = {}
        for key, (lo, hi, step, desc) in others.items():
            self.controls[key] = W.FloatSlider(
                value=slider_echo(self.state[key], lo, hi, step), min=lo, max=hi, step=step,
                description=desc, continuous_update=True, readout_format=".2f",
                style=desc_style, layout=W.Layout(**control_layout),
            )
        for widget in (extra or {}).values():
            widget.style.description_width = desc_style["description_width"]
            widget.layout.width, widget.layout.max_width = control_layout["width"], "100%"
        self.controls.update(extra or {})
        for widget in self.controls.values():
            widget.observe(self._on_other, names="value")
        self.slider.observe(self._on_main, names="index")
        boxes = [self.slider, self.stack]
        self.note = self.controls_box = None
        if self.controls:
            note = STATIC_NOTE
            if spec["label_px"]:
                note += (f"<style>.sg-projector .widget-label, .sg-projector .widget-readout, "
                         f".sg-projector select {{font-size: {spec['label_px']}px; line-height: 1.3}}</style>")
            self.note = W.HTML(note, layout=W.Layout(display="none")).add_class(STATIC_ONLY)
            self.controls_box = W.VBox(list(self.controls.values())).add_class(LIVE_ONLY)
            boxes += [self.note, self.controls_box]
        super().__init__(boxes)
        self.add_class("sg-explorer")
        if size == "projector":
            self.add_class("sg-projector")

    @staticmethod
    def _labels(values) -> list[str]:
        for digits in (3, 4, 6, 12):
            labels = [f"{v:.{digits}g}" for v in values]
            if len(set(labels)) == len(labels):
                return labels
        return [repr(v) for v in values]

    @staticmethod
    def _size_figure(fig, scale: float) -> None:
        width, height = fig.get_size_inches()
        if width > plots.PAGE_WIDTH:  # wider figures would be shrunk by the page, and their text with them
            width = plots.PAGE_WIDTH
        fig.set_size_inches(width * scale, height * scale)

    def _params(self) -> Params:
        return Params(**{k: self.state[k] for k in _FIELDS})

    def _choices(self) -> dict:
        return {k: v for k, v in self.state.items() if k not in _FIELDS}

    def _fit_limits(self) -> None:
        """Fix every axes' limits to the envelope, over the main slider's positions, of the
        limits the plot chooses itself (positions with invalid values are skipped)."""
        current = self.state[self.main]
        envelope: dict[int, np.ndarray] = {}
        try:
            for value in self.values:
                self.state[self.main] = value
                try:
                    self.plot.update(self._params(), **self._choices())
                except ValueError:
                    continue
                for i, ax in enumerate(self.plot.fig.axes):
                    auto_x, auto_y = self._autoscaled[i] if i < len(self._autoscaled) else (False, False)
                    if auto_x or auto_y:
                        ax.set_autoscalex_on(auto_x)
                        ax.set_autoscaley_on(auto_y)
                        ax.relim()
                        ax.autoscale_view()
                    lims = np.array([ax.get_xlim(), ax.get_ylim()])
                    if i in envelope:
                        lims = np.stack([np.minimum(envelope[i][:, 0], lims[:, 0]),
                                         np.maximum(envelope[i][:, 1], lims[:, 1])], axis=1)
                    envelope[i] = lims
        finally:
            self.state[self.main] = current
        self.limits = envelope

    def _update_plot(self, plot=None, fast: bool = False) -> None:
        """Update ``plot`` (the wide one by default) to the state, fix its axes and floor its fonts:
        with ``fast``, only its moving artists' (the rest is the kept background)."""
        plot = self.plot if plot is None else plot
        plot.update(self._params(), **self._choices())
        for i, ax in enumerate(plot.fig.axes):
            if i in self.limits:
                ax.set_xlim(*self.limits[i][0])
                ax.set_ylim(*self.limits[i][1])
        plots.apply_font_floor(plot.fig, self.size, plot.dynamic if fast else None)

    def _draw(self, fast: bool, small: bool = False) -> str:
        """Update the plot to the state and return the frame's HTML (or the message for invalid values)."""
        try:
            self._update_plot(fast=fast)
        except ValueError as error:
            return self.renderer.message(str(error))
        if fast:
            self.renderer.fast()
        else:
            self.renderer.full()
        return self.renderer.html(small=small)

    def draw_phone_frames(self) -> None:
        """Make every stored frame a ``<picture>``: its wide figure, and the figure laid out for phones
        (`plots.stack_panels`) for the screens of `NARROW_MEDIA`; a browser fetches only the one it shows.

        A notebook calls this when it shows the explorer (``_repr_mimebundle_``), so the saved widget
        state has both. Once only, for the stored frames only: not for ``size="projector"`` and not once
        another control has moved (the stored frames are then out of date and the kernel draws each
        frame, wide, when it is shown)."""
        width = SIZES[self.size]["narrow"]
        if self.narrow is not None or not width or self.link is None:
            return
        start = self.state[self.main]
        narrow = self.plot_class(self._params(), **self._choices())
        self._update_plot(narrow)
        plots.stack_panels(narrow.fig, width)
        self.narrow = Renderer(narrow)
        self.narrow.full()
        try:
            for value, frame in zip(self.values, self.frames):
                if not frame.value.startswith("<img "):
                    continue  # the rule in words, for a position with invalid values
                self.state[self.main] = value
                self._update_plot(narrow, fast=True)
                self.narrow.fast()
                frame.value = f"<picture>{self.narrow.source(small=True)}{frame.value}</picture>"
        finally:
            self.state[self.main] = start
            self._update_plot(narrow)

    def _repr_mimebundle_(self, **kwargs):
        self.draw_phone_frames()
        return super()._repr_mimebundle_(**kwargs)

    def _on_main(self, change) -> None:
        self.state[self.main] = self.values[change["new"]]
        self.render(fast=True)

    def _on_other(self, change) -> None:
        key = next(k for k, w in self.controls.items() if w is change["owner"])
        widget, new = change["owner"], change["new"]
        if isinstance(widget, W.FloatSlider) and abs(new - slider_echo(
                self.state[key], widget.min, widget.max, widget.step)) <= 1e-9 * max(widget.step, 1e-3):
            return  # the slider rounding the exact value to its step: not a move by the reader
        self.state[key] = new
        self.go_live()
        self.render(fast=False)

    def go_live(self) -> None:
        """Remove the browser-side link: from now on the kernel shows a frame only once it is
        redrawn for the current parameters (the stored frames are for the starting ones)."""
        if self.link is not None:
            self.link.unlink()
            self.link = None

    def render(self, fast: bool = False) -> None:
        """Show the figure for the current state.

        ``fast=True`` (after the main slider) redraws only the moving artists,
        and only if the stored frame is out of date; otherwise everything is
        redrawn (with the axes refitted) and the other stored frames are marked
        out of date. Invalid values show the rule in words, in the figure's place.
        """
        index = self.slider.index
        try:
            self._params()
            if not fast:
                self._fit_limits()
            self._update_plot(fast=fast)
        except ValueError as error:
            self.message.value = self.renderer.message(str(error))
            self.stack.selected_index = len(self.frames)
            self.stale = [True] * len(self.stale)
            return
        if self.message.value:  # coming back from invalid values
            self.message.value = ""
            fast = False
            self._fit_limits()
            self._update_plot()
        if fast and not self.stale[index]:
            self.stack.selected_index = index
            return
        if fast:
            self.renderer.fast()
        else:
            self.renderer.full()
            self.stale = [True] * len(self.stale)
        self.frames[index].value = self.renderer.html()
        self.stale[index] = False
        self.stack.selected_index = index


def start_state(params: Params | None = None, **choices) -> dict:
    """An explorer's starting state: the five parameters of ``params`` (the running example if
    ``None``) and the plot's ``choices``, the main slider's value among them, kept exactly.

    The one way every ``explore_<chapter>`` builds the ``state`` it gives `Explorer`.

    Examples
    --------
    >>> start_state(m_M=8 / 3)
    {'x': 10.0, 'y': 1.0, 'h': 2.0, 'T_M': 1.5, 'T_R': 2.0, 'm_M': 2.6666666666666665}
    >>> start_state(x=1.0)
    Traceback (most recent call last):
    ...
    ValueError: choices must not name a parameter (got x); pass params=Params(...) instead
    """
    params = EXAMPLE if params is None else params
    clash = [k for k in choices if k in _FIELDS]
    if clash:
        raise ValueError(f"choices must not name a parameter (got {', '.join(clash)}); "
                         "pass params=Params(...) instead")
    return {**{k: getattr(params, k) for k in _FIELDS}, **choices}


def markup_grid(params: Params, n: int = 17) -> np.ndarray:
    """``n`` markups from 0 to ``a / y`` (where demand vanishes): the main slider's positions of the
    explorers whose main slider is a markup.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> markup_grid(EXAMPLE, 5).tolist()
    [0.0, 2.0, 4.0, 6.0, 8.0]
    """
    return np.linspace(0, params.a / params.y, n)
