"""Explorers: sliders over one of the book's figures.

An explorer has one **main slider** and a few others. The main slider works
everywhere: when a notebook is executed, one frame of the figure is drawn for
each of its positions and the frames sit in an `ipywidgets.Stack`, linked to
the slider in the browser with `ipywidgets.jslink`. On the static site, with no
kernel, moving the slider shows the frame drawn for that position. In a live
notebook every slider recomputes.

Redrawing is cheap: the figure is drawn once; a move of the main slider
restores the saved background and draws only the artists that move (blitting).
Other sliders redraw the whole figure. Parameters that break the model's rules
(for example ``x <= y*h``) show the rule in plain words instead of a figure.
"""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from . import plots
from .params import EXAMPLE, Params
from .regimes import solve

DPI = 80
"""Resolution of the explorers' frames (pixels per inch)."""

LIVE_ONLY = (
    "<small>On the static site only the first slider moves; the others move in a live "
    "notebook (<code>make lab</code>).</small>"
)
PARAM_SLIDERS = {
    "x": (4.0, 20.0, 0.5, "demand intercept x"),
    "y": (0.25, 3.0, 0.05, "demand slope y"),
    "h": (0.0, 8.0, 0.25, "unit cost h"),
    "T_M": (0.25, 3.0, 0.05, "SOE reputation T_M"),
    "T_R": (0.25, 3.0, 0.05, "grassroots role T_R"),
}
_FIELDS = tuple(PARAM_SLIDERS)


class Renderer:
    """Turn a plot object (from `soe_grassroots.plots`) into PNG frames, fast.

    ``full()`` draws everything and keeps the background; ``fast()`` redraws
    only ``plot.dynamic`` over that background.
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
        """The current canvas as PNG; ``small`` quantizes it for stored frames."""
        image = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        if small:
            image.convert("RGB").quantize(colors=64).save(buffer, "png", optimize=True)
        else:
            image.save(buffer, "png", compress_level=1)
        return buffer.getvalue()

    def html(self, small: bool = False) -> str:
        """An ``<img>`` of the current canvas with the plot's alt text."""
        data = base64.b64encode(self.png(small)).decode("ascii")
        return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.plot.alt)}" '
                'style="max-width:100%;height:auto">')


class Explorer(W.VBox):
    """A figure from `soe_grassroots.plots` with sliders.

    Parameters
    ----------
    plot_class : type
        A class of `soe_grassroots.plots`, built as ``plot_class(params, **choices)``.
    state : dict
        Starting values: the five parameters and the plot's choices.
    main : str
        The key of ``state`` that the main slider sets.
    main_values : sequence of float
        The main slider's positions (one stored frame each).
    main_label : str
        The main slider's description.
    others : dict
        Other sliders: ``key -> (min, max, step, description)``.
    extra : dict, optional
        Other widgets (for example a dropdown): ``key -> widget``; their
        ``value`` goes into ``state[key]``.
    """

    def __init__(self, plot_class, state, main, main_values, main_label, others, extra=None):
        self.state = dict(state)
        self.main = main
        self.values = [float(v) for v in main_values]
        start = int(np.argmin(np.abs(np.array(self.values) - self.state[main])))
        self.state[main] = self.values[start]
        self.slider = W.SelectionSlider(
            options=[(f"{v:.3g}", v) for v in self.values], index=start, description=main_label,
            continuous_update=True, style={"description_width": "initial"},
            layout=W.Layout(width="520px"),
        )
        self.renderer = Renderer(plot_class(self._params(), **self._choices()))
        self.renderer.full()  # the background: everything the main slider does not move
        frames = []
        for value in self.values:  # one frame per position, drawn now and stored
            self.state[main] = value
            self._update_plot()
            self.renderer.fast()
            frames.append(W.HTML(self.renderer.html(small=True)))
        self.state[main] = self.values[start]
        self._update_plot()
        self.stale = [False] * len(frames)
        self.stack = W.Stack(frames, selected_index=start)
        W.jslink((self.slider, "index"), (self.stack, "selected_index"))
        self.message = W.HTML()
        self.controls = {}
        for key, (lo, hi, step, desc) in others.items():
            self.controls[key] = W.FloatSlider(
                value=self.state[key], min=lo, max=hi, step=step, description=desc,
                continuous_update=True, style={"description_width": "initial"},
            )
        self.controls.update(extra or {})
        for key, widget in self.controls.items():
            widget.observe(self._on_other, names="value")
        self.slider.observe(self._on_main, names="index")
        boxes = [self.slider, self.stack, self.message]
        if self.controls:
            boxes += [W.HTML(LIVE_ONLY), W.GridBox(list(self.controls.values()),
                      layout=W.Layout(grid_template_columns="repeat(2, 50%)"))]
        super().__init__(boxes)

    def _params(self) -> Params:
        return Params(**{k: self.state[k] for k in _FIELDS})

    def _choices(self) -> dict:
        return {k: v for k, v in self.state.items() if k not in _FIELDS}

    def _update_plot(self) -> None:
        self.renderer.plot.update(self._params(), **self._choices())

    def _on_main(self, change) -> None:
        self.state[self.main] = self.values[change["new"]]
        self.render(fast=True)

    def _on_other(self, change) -> None:
        key = next(k for k, w in self.controls.items() if w is change["owner"])
        self.state[key] = change["new"]
        self.render(fast=False)

    def render(self, fast: bool = False) -> None:
        """Show the figure for the current state.

        ``fast=True`` (after the main slider) redraws only the moving artists,
        and only if the stored frame is out of date; otherwise everything is
        redrawn and the other stored frames are marked out of date.
        """
        try:
            self._update_plot()
        except ValueError as error:
            self.message.value = (
                "<p style='color:#B00020'><b>No figure for these values.</b> "
                f"{html.escape(str(error))}.</p>"
            )
            self.stack.layout.display = "none"
            return
        index = self.slider.index
        if self.message.value:  # coming back from invalid values
            self.message.value = ""
            self.stack.layout.display = None
            fast = False
        if fast and not self.stale[index]:
            return
        if fast:
            self.renderer.fast()
        else:
            self.renderer.full()
            self.stale = [True] * len(self.stale)
        self.stack.children[index].value = self.renderer.html()
        self.stale[index] = False


def _state(params: Params | None, **choices) -> dict:
    params = EXAMPLE if params is None else params
    return {**{k: getattr(params, k) for k in _FIELDS}, **choices}


def _markup_grid(params: Params, n: int = 17):
    return np.linspace(0, params.a / params.y, n)


def explore_model(params: Params | None = None) -> Explorer:
    """Chapter 2: the demand diagram as the SOE's markup moves (main slider)."""
    params = EXAMPLE if params is None else params
    nash = solve(params, "nash")
    others = {"m_R": (0.0, 10.0, 0.1, "grassroots markup m_R"), **PARAM_SLIDERS}
    return Explorer(plots.MarketDiagram, _state(params, m_M=nash.m_M, m_R=nash.m_R), "m_M",
                    _markup_grid(params), "SOE markup m_M", others)


def explore_nash(params: Params | None = None) -> Explorer:
    """Chapter 3: R's best response to the SOE's markup (main slider)."""
    params = EXAMPLE if params is None else params
    return Explorer(plots.BestResponse, _state(params, m_M=solve(params, "nash").m_M), "m_M",
                    _markup_grid(params), "SOE markup m_M", PARAM_SLIDERS)


def explore_stackelberg(params: Params | None = None, leader: str = "M") -> Explorer:
    """Chapter 4: the leader's markup (main slider) and the follower's reply."""
    params = EXAMPLE if params is None else params
    regime = "soe_leads" if leader == "M" else "grassroots_leads"
    o = solve(params, regime)
    start = o.m_M if leader == "M" else o.m_R
    dropdown = W.Dropdown(options=[("SOE leads", "M"), ("grassroots organization leads", "R")],
                          value=leader, description="who moves first")
    return Explorer(plots.LeaderProblem, _state(params, m_leader=start, leader=leader), "m_leader",
                    _markup_grid(params), "leader's markup", PARAM_SLIDERS,
                    extra={"leader": dropdown})


def explore_regimes(params: Params | None = None) -> Explorer:
    """Chapter 5: the four regimes side by side as the unit cost moves (main slider)."""
    params = EXAMPLE if params is None else params
    sliders = {k: v for k, v in PARAM_SLIDERS.items() if k != "h"}
    top = min(PARAM_SLIDERS["h"][1], 0.95 * params.x / params.y)
    return Explorer(plots.RegimeBars, _state(params), "h", np.round(np.linspace(0, top, 17), 2),
                    PARAM_SLIDERS["h"][3], sliders)
