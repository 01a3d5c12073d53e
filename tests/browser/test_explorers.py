"""The explorers on the built site, in a real browser (issue 8 item 10, issue 11 item 3).

On the static site there is no kernel: only the main slider and its figure work. Each explorer
(`soe_grassroots.widgets.Explorer`, CSS class ``sg-explorer``) must show exactly those, plus one short
line saying where the other sliders work; the other controls (``sg-live-only``) are hidden by the
site's ``book.css``. Its frames are shown at their CSS size, the size at which the figure's text is
>= 14 px (tests/test_widgets.py checks the font sizes), and drawn at twice that many pixels; the main
slider's track is at least 250 px long.

Run against a build: ``BOOK_SITE=<site> .venv/bin/python -m pytest -o addopts="" -p no:cacheprovider tests/browser``.
"""

from __future__ import annotations

import pytest

from conftest import JS_WIDGETS_RENDERED, site_dir, site_pages


def _explorer_pages() -> list[str]:
    site = site_dir()
    if not site or not site.is_dir():
        return []
    return [p for p in site_pages(site) if "sg-explorer" in (site / p).read_text("utf-8", "replace")]


JS_EXPLORERS = """() => [...document.querySelectorAll('.sg-explorer')].map(ex => {
  const visible = e => !!e && e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
  const sliders = [...ex.querySelectorAll('.widget-slider')];
  const main = ex.querySelector(':scope > .widget-slider');
  const stack = main && main.nextElementSibling;
  const img = stack ? [...stack.querySelectorAll('img')].find(visible) : null;
  const note = ex.querySelector('.sg-static-only');
  const live = ex.querySelector('.sg-live-only');
  const track = main ? main.querySelector('.noUi-target') : null;
  const label = main ? main.querySelector('.widget-label') : null;
  return {
    sliders: sliders.length,
    visibleSliders: sliders.filter(visible).length,
    mainVisible: visible(main),
    trackPx: track ? track.getBoundingClientRect().width : 0,
    labelCut: label ? label.scrollWidth > label.clientWidth + 1 : true,
    liveHidden: !!live && getComputedStyle(live).display === 'none',
    liveControls: live ? live.querySelectorAll('.widget-slider, .widget-dropdown').length : 0,
    visibleDropdowns: [...ex.querySelectorAll('.widget-dropdown')].filter(visible).length,
    noteVisible: visible(note),
    noteText: note ? note.innerText.trim() : '',
    noteHeight: note ? note.getBoundingClientRect().height : 0,
    noteLineHeight: note ? parseFloat(getComputedStyle(note.querySelector('.sg-note') || note).lineHeight) || 24 : 0,
    imgCssWidth: img ? img.getBoundingClientRect().width : 0,
    imgWidthAttr: img ? parseInt(img.getAttribute('width')) : 0,
    imgNaturalWidth: img ? img.naturalWidth : 0,
  };
})"""


@pytest.fixture(scope="module")
def explorers(chromium, site_url, site):
    """What every explorer on every page looks like in a 1280 x 900 window."""
    found = {}
    for page_path in _explorer_pages():
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
        page = context.new_page()
        try:
            page.goto(site_url + page_path, wait_until="networkidle")
            page.wait_for_function(f"({JS_WIDGETS_RENDERED})() === 0", timeout=30_000)
            page.wait_for_function("() => document.querySelectorAll('.sg-explorer .noUi-target').length > 0",
                                   timeout=30_000)
            page.wait_for_timeout(300)
            found[page_path] = page.evaluate(JS_EXPLORERS)
        finally:
            context.close()
    return found


def test_the_book_has_explorers(explorers):
    """The chapters with explorers were found (model, nash, stackelberg, cooperation at least)."""
    assert len(explorers) >= 4, sorted(explorers)
    assert all(len(found) >= 1 for found in explorers.values())


def test_only_the_main_slider_shows_on_the_static_site(explorers):
    """Issue 8, item 10: no dead controls. The main slider shows; every other slider and the
    dropdown are in the live-only box, which the site hides."""
    for page, found in explorers.items():
        for ex in found:
            assert ex["mainVisible"], page
            assert ex["visibleSliders"] == 1, (page, ex)
            assert ex["visibleDropdowns"] == 0, (page, ex)
            if ex["sliders"] > 1 or ex["liveControls"]:
                assert ex["liveHidden"], (page, ex)


def test_one_short_line_says_where_the_other_sliders_work(explorers):
    """The static site says, in one line, where the hidden sliders live (a live notebook)."""
    for page, found in explorers.items():
        for ex in found:
            if ex["liveControls"]:
                assert ex["noteVisible"], (page, ex)
                assert "make lab" in ex["noteText"], (page, ex)
                assert ex["noteHeight"] <= 2 * ex["noteLineHeight"] + 8, (page, ex)


def test_frames_are_shown_at_their_css_size_and_drawn_at_twice_it(explorers):
    """Issue 11, item 3: a frame's <img> is displayed at its CSS size (figure inches x 96 px), the size
    at which its text is >= 14 px, not shrunk by the page; its pixels are twice as many (sharp when
    zoomed or on high-density screens)."""
    for page, found in explorers.items():
        for ex in found:
            assert ex["imgWidthAttr"] > 0, (page, ex)
            assert abs(ex["imgCssWidth"] - ex["imgWidthAttr"]) <= 0.5, (page, ex)
            assert ex["imgNaturalWidth"] == 2 * ex["imgWidthAttr"], (page, ex)


def test_main_slider_track_is_long_and_its_label_whole(explorers):
    """Issue 11, item 3: the main slider's track is at least 250 px; its description is not cut off."""
    for page, found in explorers.items():
        for ex in found:
            assert ex["trackPx"] >= 250, (page, ex)
            assert not ex["labelCut"], (page, ex)
