"""The explorers of chapters 2-5: stored frames for the static site, live redraws, plain errors."""

import base64
import re

import numpy as np
import pytest
from PIL import Image

from soe_grassroots import EXAMPLE, widgets

EXPLORERS = [widgets.explore_model, widgets.explore_nash, widgets.explore_stackelberg,
             widgets.explore_regimes]


def _pixels(frame_html: str) -> np.ndarray:
    data = re.search(r'base64,([^"]+)"', frame_html).group(1)
    import io

    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"), dtype=int)


def _alt(frame_html: str) -> str:
    return re.search(r'alt="([^"]*)"', frame_html).group(1)


@pytest.fixture(scope="module", params=EXPLORERS, ids=lambda f: f.__name__)
def explorer(request):
    return request.param()


def test_every_stored_frame_is_a_different_picture(explorer):
    """Chapters 2-5, explorers: moving the main slider on the static site changes the figure."""
    frames = [_pixels(child.value) for child in explorer.stack.children]
    for before, after in zip(frames, frames[1:]):
        assert before.shape == after.shape
        assert np.any(before != after)


def test_every_stored_frame_has_alt_text_naming_what_it_shows(explorer):
    """Every figure has alt text that says what it shows (not 'plot')."""
    alts = [_alt(child.value) for child in explorer.stack.children]
    assert all(len(a) > 60 for a in alts)
    assert len(set(alts)) == len(alts)


def test_main_slider_is_linked_to_the_stack_in_the_browser(explorer):
    """The static site needs a client-side link from the slider's index to the stack."""
    assert explorer.stack.selected_index == explorer.slider.index
    assert len(explorer.slider.options) == len(explorer.stack.children)
    # the slider's labels show real values, not positions
    assert [float(label) for label, _ in explorer.slider.options] == pytest.approx(explorer.values, rel=1e-2)


def test_live_redraw_after_a_parameter_change_updates_the_shown_frame():
    """Live notebooks: a non-main slider redraws the shown frame and marks the others stale."""
    e = widgets.explore_nash()
    shown = e.stack.children[e.slider.index].value
    e.controls["x"].value = 14.0
    assert e.stack.children[e.slider.index].value != shown
    assert sum(e.stale) == len(e.stale) - 1
    # moving the main slider now redraws the stale frame it lands on
    target = (e.slider.index + 1) % len(e.values)
    old = e.stack.children[target].value
    e.slider.index = target
    assert e.stack.children[target].value != old and not e.stale[target]


def test_fast_redraw_draws_the_same_picture_as_a_full_redraw():
    """Blitting must not change what the reader sees."""
    e = widgets.explore_nash()
    e.controls["h"].value = 1.0
    e.stale = [True] * len(e.stale)
    e.slider.index = 3  # fast path
    fast = _pixels(e.stack.children[3].value)
    e.renderer.full()
    full = _pixels(e.renderer.html())
    assert np.array_equal(fast, full)


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_invalid_parameters_show_a_plain_message_not_a_figure(factory):
    """Bad input in a live explorer (x <= y*h) shows the rule in words, never a traceback or NaN plot."""
    e = factory()
    if "h" in e.controls:
        e.controls["h"].value = 8.0
        e.controls["x"].value = 4.0
    else:  # the main slider moves h
        e.controls["x"].value = 4.0
        e.slider.index = len(e.values) - 1
    assert "x must exceed y*h" in e.message.value
    assert "Traceback" not in e.message.value
    assert e.stack.layout.display == "none"
    e.controls["x"].value = 20.0
    assert e.message.value == "" and e.stack.layout.display is None


def test_explorers_accept_other_parameters():
    """An instructor can start an explorer from any valid parameter set."""
    p = EXAMPLE.replace(x=15.0, T_M=2.0)
    e = widgets.explore_regimes(p)
    assert e.state["x"] == 15.0 and e.state["T_M"] == 2.0
