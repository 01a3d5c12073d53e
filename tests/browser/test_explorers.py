"""The explorers on the built site, in a real browser (issue 8 item 10, issue 11 item 3).

On the static site there is no kernel: only the main slider and its figure work. Each explorer
(`soe_grassroots.widgets.Explorer`, CSS class ``sg-explorer``) must show exactly those, plus one short
line saying where the other sliders work; the other controls (``sg-live-only``) are hidden by the
site's ``book.css``. Its frames are shown at their CSS size, the size at which the figure's text is
>= 14 px (tests/test_widgets.py checks the font sizes), and drawn at twice that many pixels; the main
slider's track is at least 250 px long.

On a phone (issue 16, section 6) each frame's ``<picture>`` shows its narrow figure instead (panels stacked,
`soe_grassroots.plots.stack_panels`), whose text stays >= 11 px in a 390 px phone's column; a phone fetches
only the narrow figures and a desktop only the wide ones, and the main slider still switches frames.

Run against a build: ``BOOK_SITE=<site> .venv/bin/python -m pytest -o addopts="" -p no:cacheprovider tests/browser``.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest

from conftest import _REPORTS, WIDGET_STATE, serve, site_dir, site_pages


def _explorer_pages() -> list[str]:
    site = site_dir()
    if not site or not site.is_dir():
        return []
    return [p for p in site_pages(site) if "sg-explorer" in (site / p).read_text("utf-8", "replace")]


@pytest.fixture(scope="module")
def explorers(site, browser_work):
    """What every explorer on every page looks like in a 1280 x 900 window: measured (conftest.JS_EXPLORERS)
    during the page's visit, once its widgets are drawn and each explorer's frame has arrived."""
    found = {}
    for page_path in _explorer_pages():
        if page_path not in _REPORTS:
            _REPORTS[page_path] = browser_work.reports[page_path].result()
        report = _REPORTS[page_path]
        if report.explorers is None:
            pytest.fail(f"{page_path}: {report.explorer_error}")
        found[page_path] = report.explorers
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


# ---------------------------------------------------------------------------------------------------
# phones (issue 16, section 6)

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PT = 11.0     # the smallest text of any frame at its CSS size (soe_grassroots.plots.FONT_SIZES)
MIN_PHONE_TEXT_PX = 11.0
# the three shapes of figure: the repeated game's two panels (the example), one panel, three panels
PHONE_PAGES = ("book/repeated.html", "book/model.html", "book/policy.html", "book/enforcement.html")

# the shown frame of each explorer on the open page, once it has arrived
JS_PHONE_FRAMES = """async () => { const out = []; for (const ex of document.querySelectorAll('.sg-explorer')) {
  ex.scrollIntoView();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)));
  const main = ex.querySelector(':scope > .widget-slider');
  const stack = main && main.nextElementSibling;
  const img = stack ? [...stack.querySelectorAll('img')].find(i => i.offsetParent !== null) : null;
  for (let k = 0; img && !(img.complete && img.naturalWidth) && k < 100; k++) {
    await new Promise(r => setTimeout(r, 50));
  }
  const source = img && img.closest('picture') ? img.closest('picture').querySelector('source') : null;
  const box = img ? img.getBoundingClientRect() : {width: 0, height: 0};
  out.push({
    picture: !!source, media: source ? source.media : '',
    srcset: source ? new URL(source.getAttribute('srcset'), document.baseURI).href : '',
    current: img ? img.currentSrc : '', cssWidth: box.width, cssHeight: box.height,
    naturalWidth: img ? img.naturalWidth : 0, naturalHeight: img ? img.naturalHeight : 0,
    sourceWidth: source ? parseInt(source.getAttribute('width')) : 0,
    column: stack ? stack.getBoundingClientRect().width : 0, pageWidth: document.documentElement.scrollWidth,
  });
} return out; }"""


def _frame_files(html_text: str, base: str) -> tuple[set[str], set[str]]:
    """The URLs of the narrow (``<source srcset>``) and the wide (``<img src>``) frames in a page's saved
    widget state."""
    start = html_text.find(f'type="{WIDGET_STATE}">')
    body = html_text[html_text.index(">", start) + 1: html_text.index("</script>", start)]
    narrow, wide = set(), set()
    for model in json.loads(body)["state"].values():
        value = model.get("state", {}).get("value")
        if isinstance(value, str) and "<picture>" in value:
            narrow |= {urljoin(base, u) for u in re.findall(r'<source [^>]*srcset="([^"]+)"', value)}
            wide |= {urljoin(base, u) for u in re.findall(r'<img [^>]*src="([^"]+)"', value)}
    return narrow, wide


@pytest.fixture(scope="module")
def phone(site, chromium):
    """PHONE_PAGES in a 390 x 844 phone: each explorer's shown frame, the frame files fetched, the frame
    shown after one step of the main slider (keyboard), and a screenshot of the first explorer
    (<site>/../screenshots/phone-<page>.png)."""
    server, url = serve(site)
    shots = site.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    found = {}
    context = chromium.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
    try:
        for path in PHONE_PAGES:
            if not (site / path).is_file():
                continue
            page = context.new_page()
            requests = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            page.goto(url + path, wait_until="networkidle")
            page.evaluate("""async () => { for (const v of document.querySelectorAll(
              'script[type="application/vnd.jupyter.widget-view+json"]')) {
              v.parentElement.scrollIntoView(); await new Promise(r => setTimeout(r, 50));
              for (let i = 0; i < 200 && !window.__sgWidgetsRequested; i++) {
                await new Promise(r => setTimeout(r, 50)); } } }""")
            page.wait_for_function("() => document.querySelectorAll('.sg-explorer .noUi-handle').length > 0",
                                   timeout=30_000)
            frames = page.evaluate(JS_PHONE_FRAMES)
            explorer = page.locator(".sg-explorer").first
            explorer.scroll_into_view_if_needed()
            explorer.screenshot(path=str(shots / f"phone-{path.split('/')[-1].removesuffix('.html')}.png"))
            handle = explorer.locator(":scope > .widget-slider .noUi-handle").first
            key = "ArrowLeft" if handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax") \
                else "ArrowRight"
            handle.focus()
            page.keyboard.press(key)
            before = frames[0]["current"]
            page.wait_for_function("""(before) => { const ex = document.querySelector('.sg-explorer');
              const img = [...ex.querySelectorAll(':scope > .widget-box img')].find(i => i.offsetParent !== null);
              return img && img.currentSrc !== before && img.complete && img.naturalWidth > 0; }""",
                                   arg=before, timeout=10_000)
            moved = page.evaluate(JS_PHONE_FRAMES)[0]
            narrow, wide = _frame_files((site / path).read_text("utf-8"), url + path)
            found[path] = {"frames": frames, "moved": moved, "narrow": narrow, "wide": wide,
                           "fetched": {u for u in requests if "/wf-" in u}}
            page.close()
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    return found


def test_a_phone_shows_the_narrow_frame_at_a_readable_size(phone):
    """At 390 px each explorer shows its frame's narrow figure (the <picture>'s <source>), undistorted and
    within the column, at a scale where the frame's 11 pt text is at least 11 px (about 12.7 px); the
    wide figure would have shown it at 7.7 px."""
    assert set(phone) == set(PHONE_PAGES)
    for page, found in phone.items():
        for frame in found["frames"]:
            assert frame["picture"] and frame["media"] == "(max-width: 600px)", (page, frame)
            assert frame["current"] == frame["srcset"], (page, frame)  # the narrow figure is the one shown
            assert frame["naturalWidth"] == 2 * frame["sourceWidth"], (page, frame)
            assert frame["cssWidth"] <= frame["column"] + 0.5 and frame["pageWidth"] <= PHONE["width"]
            # shown at its own aspect ratio (the <source>'s width and height), not the wide figure's
            ratio = frame["naturalHeight"] / frame["naturalWidth"]
            assert abs(frame["cssHeight"] / frame["cssWidth"] - ratio) < 0.01, (page, frame)
            text_px = MIN_TEXT_PT * 96 / 72 * frame["cssWidth"] / (frame["naturalWidth"] / 2)
            assert text_px >= MIN_PHONE_TEXT_PX, (page, text_px, frame)


def test_a_phones_main_slider_still_switches_frames(phone):
    """On a phone, offline, one keyboard step of the main slider shows another stored frame, again its
    narrow figure."""
    for page, found in phone.items():
        moved = found["moved"]
        assert moved["current"] != found["frames"][0]["current"], page
        assert moved["current"] == moved["srcset"] and moved["current"] in found["narrow"], (page, moved)


def test_a_phone_fetches_only_narrow_frames_and_a_desktop_only_wide_ones(phone, explorers, site):
    """Page weight: a phone downloads only the narrow figures (the two it showed), never a wide one; in the
    1280 px visits of every explorer page a desktop downloads only wide figures."""
    for page, found in phone.items():
        assert found["fetched"] and found["fetched"] <= found["narrow"], (page, found["fetched"] - found["narrow"])
    for page in explorers:
        report = _REPORTS[page]
        base = next(u for u in report.requests if u.split("?")[0].endswith("/" + page))
        narrow, wide = _frame_files((site / page).read_text("utf-8"), base)
        fetched = {u.split("?")[0] for u in report.requests if "/wf-" in u}
        assert fetched and not fetched & narrow and fetched <= wide, (page, fetched & narrow)


# ---------------------------------------------------------------------------------------------------
# JupyterLab (opt-in: starts a JupyterLab server, about a minute)

LAB_CELLS = [
    "from soe_grassroots.model import MarketDiagram, explore_model\ne = explore_model()\ne",
    "from soe_grassroots.stackelberg import explore_stackelberg\ns = explore_stackelberg()\ns",
    "import json\nprint(json.dumps({'exact_R': e.state['m_R'] == 8 / 3, 'exact_M': e.state['m_M'] == 8 / 3, "
    "'slider': e.controls['m_R'].value, 'live': e.link is None, 'x': e.state['x'], "
    "'alt': MarketDiagram(e._params(), e.state['m_M'], e.state['m_R']).alt}))",
]

JS_LAB_FACTS = """() => [...document.querySelectorAll('.sg-explorer')].map(ex => {
  const vis = e => !!e && e.offsetParent !== null;
  const labels = [...ex.querySelectorAll('.widget-label')].filter(vis);
  return {
    sliders: [...ex.querySelectorAll('.widget-slider')].filter(vis).length,
    dropdowns: [...ex.querySelectorAll('.widget-dropdown')].filter(vis).length,
    noteVisible: vis(ex.querySelector('.sg-static-only')),
    shortestTrack: Math.min(...[...ex.querySelectorAll('.noUi-target')].filter(vis)
      .map(t => t.getBoundingClientRect().width)),
    cutLabels: labels.filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent),
    shownAlt: ([...ex.querySelectorAll('img')].find(vis) || {}).alt,
  };
})"""


@pytest.mark.skipif(not __import__("os").environ.get("SG_LAB_TEST"), reason="set SG_LAB_TEST=1 (starts JupyterLab)")
def test_in_jupyterlab_every_control_shows_and_the_state_stays_exact(chromium, tmp_path):
    """Issue 11, items 3-4, in a live JupyterLab: all controls show and the static-site note does not;
    the m_R slider's echo of 8/3 (rounded to its step) leaves the state exact; after a parameter
    slider moves, the frame shown is the one the kernel drew for the new parameters."""
    import json
    import socket
    import subprocess
    import time
    import urllib.request

    import nbformat

    from conftest import ROOT

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in LAB_CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "check.ipynb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "jupyter-lab"), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", "--allow-root", f"--ServerApp.root_dir={tmp_path}",
         "--LabApp.news_url=None"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = None
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status")
                break
            except OSError:
                time.sleep(1)
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/lab/tree/check.ipynb", wait_until="networkidle")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        time.sleep(3)

        def run(i):
            page.locator(".jp-Cell").nth(i).click()
            page.keyboard.press("Shift+Enter")

        run(0)
        run(1)
        page.wait_for_function("() => document.querySelectorAll('.sg-explorer img').length >= 2", timeout=180_000)
        time.sleep(4)  # the sliders render and send their rounded values back
        facts = page.evaluate(JS_LAB_FACTS)
        assert [f["sliders"] for f in facts] == [7, 6]  # main + m_R + five parameters; main + five
        assert [f["dropdowns"] for f in facts] == [0, 1]
        assert not any(f["noteVisible"] for f in facts)
        assert all(f["shortestTrack"] >= 250 for f in facts), facts
        assert not any(f["cutLabels"] for f in facts), facts

        def kernel_state():
            run(2)
            time.sleep(4)
            text = page.locator(".jp-Cell").nth(2).locator(".jp-OutputArea-output").inner_text()
            return json.loads(text.strip().splitlines()[-1])

        state = kernel_state()
        assert state["exact_R"] and state["exact_M"] and not state["live"]
        # a parameter slider moves (x: 10 -> 10.5), then the main slider three steps
        page.locator(".sg-explorer").first.locator(".sg-live-only .noUi-handle").nth(1).focus()
        page.keyboard.press("ArrowRight")
        time.sleep(3)
        for _ in range(3):
            page.locator(".sg-explorer").first.locator(":scope > .widget-slider .noUi-handle").focus()
            page.keyboard.press("ArrowRight")
            time.sleep(2)
        shown = page.evaluate(JS_LAB_FACTS)[0]["shownAlt"]
        state = kernel_state()
        assert state["live"] and state["x"] == 10.5 and state["exact_R"]
        assert shown == state["alt"]
    finally:
        if context is not None:
            context.close()
        server.terminate()
        server.wait(30)
