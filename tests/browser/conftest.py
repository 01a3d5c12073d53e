"""Fixtures for the real-browser tests of the built site (tests/browser/).

The suite needs a built site and Debian's Chromium; `make test` provides both and runs

    BOOK_SITE=_build/html .venv/bin/python -m pytest -o addopts="" -p no:cacheprovider tests/browser

Without BOOK_SITE the page tests are skipped (a plain `pytest` run collects this folder too).

Each page is served by a local http.server on 127.0.0.1 and opened once in headless Chromium with every
request to another host recorded and aborted; `visit()` gathers everything the tests assert (requests,
console messages, math, widgets, sliders, images, links, axe-core results, the explorers' measurements)
into a `PageReport`, cached per page. At the end, pytest prints a per-page table and writes it to
<site>/../browser-report.json.

Opening a page is mostly waiting (for the network to go quiet, for the widget manager, for axe-core), so
the pages are not opened one after another: on first use, `browser_work` queues every page visit the
selected tests need (main site, student edition, slide decks, screenshots) to a `BrowserPool` of
BROWSER_WORKERS threads (default 4), each driving its own Chromium, and the tests then read the results.
What each visit does and what each test asserts does not depend on the order or the concurrency.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import queue
import re
import sys
import threading
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import site_layout  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def site_dir() -> Path | None:
    value = os.environ.get("BOOK_SITE")
    return (ROOT / value).resolve() if value else None


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root (book/_ext/site_layout.py: the asset
    folders and another build's site inside this one are left out)."""
    return site_layout.relative_pages(site)


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        site = site_dir()
        pages = site_pages(site) if site and site.is_dir() else []
        metafunc.parametrize("page_path", pages)


# ---------------------------------------------------------------------------------------------------
# server and browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site() -> Path:
    path = site_dir()
    if path is None:
        pytest.skip("set BOOK_SITE to a built site (make test does: BOOK_SITE=_build/html)")
    if not (path / "index.html").is_file():
        pytest.fail(f"BOOK_SITE={path} has no index.html: build the book first (make book)")
    return path


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# ---------------------------------------------------------------------------------------------------
# one visit per page


@dataclass
class PageReport:
    page: str
    requests: list[str] = field(default_factory=list)           # every request the page made
    blocked: list[str] = field(default_factory=list)            # requests to another host (aborted)
    failed: list[str] = field(default_factory=list)             # local requests answered >= 400 or failed
    console_errors: list[str] = field(default_factory=list)     # console.error and uncaught exceptions
    math_elements: int = 0                                      # .math elements (math in the source)
    untypeset_math: list[str] = field(default_factory=list)     # .math elements without KaTeX output
    mjx_containers: int = 0                                     # typeset formulas (.katex, or MathJax's)
    math_errors: list[str] = field(default_factory=list)        # KaTeX's (or MathJax's) red TeX errors
    runtime_math: list[str] = field(default_factory=list)       # math engines the page fetched on load
    widget_manager_early: list[str] = field(default_factory=list)  # widget manager fetched before scrolling
    widget_near_at_load: bool = False                           # a widget view within reach of the first screen
    widget_views: int = 0                                       # saved widget views on the page
    unrendered_widgets: int = 0
    linked_stacks: int = 0                                      # Stacks jslinked to a displayed slider
    sliders: list[dict] = field(default_factory=list)           # one per slider + stack pair
    images: int = 0
    images_without_alt: list[str] = field(default_factory=list)
    links_checked: int = 0
    broken_links: list[str] = field(default_factory=list)
    axe: list[dict] = field(default_factory=list)               # axe-core violations
    explorers: list[dict] | None = None                         # pages with an explorer: JS_EXPLORERS
    explorer_error: str = ""                                    # why the explorers could not be measured

    @property
    def serious_axe(self) -> list[dict]:
        return [v for v in self.axe if v["impact"] in ("serious", "critical")]


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


@functools.cache
def ids_in(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text("utf-8", "replace"))
    return frozenset(parser.ids)


def _reachable_models(state: dict, roots: list[str]) -> set[str]:
    """Model ids reachable from the displayed views through IPY_MODEL_ references."""
    seen, todo = set(), list(roots)
    while todo:
        model = todo.pop()
        if model in seen or model not in state:
            continue
        seen.add(model)
        text = json.dumps(state[model].get("state", {}))
        todo += [part.split('"')[0] for part in text.split("IPY_MODEL_")[1:]]
    return seen


def linked_stacks(html: str) -> int:
    """Number of Stack widgets that a displayed page jslinks to a slider (from the saved state)."""
    start = html.find(f'type="{WIDGET_STATE}">')
    if start < 0:
        return 0
    body = html[html.index(">", start) + 1: html.index("</script>", start)]
    state = json.loads(body)["state"]
    views = []
    marker = f'type="{WIDGET_VIEW}">'
    pos = html.find(marker)
    while pos >= 0:
        end = html.index("</script>", pos)
        views.append(json.loads(html[pos + len(marker): end])["model_id"])
        pos = html.find(marker, end)
    shown = _reachable_models(state, views)
    stacks = set()
    for model in state.values():
        if model.get("model_name") not in ("LinkModel", "DirectionalLinkModel"):
            continue
        target = model["state"].get("target") or [None, None]
        stack = str(target[0]).replace("IPY_MODEL_", "")
        if state.get(stack, {}).get("model_name") == "StackModel" and stack in shown:
            stacks.add(stack)
    return len(stacks)


JS_WAIT_MATHJAX = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
}"""

JS_WIDGETS_RENDERED = f"""() => {{
  const views = [...document.querySelectorAll('script[type="{WIDGET_VIEW}"]')];
  return views.filter(v => !(v.previousElementSibling && v.previousElementSibling.querySelector('.jupyter-widgets'))).length;
}}"""

JS_FACTS = """() => {
  const math = [...document.querySelectorAll('.math')].filter(e => !e.closest('.math .math'));
  const untypeset = math.filter(e => !e.querySelector('.katex, mjx-container')).map(e => e.textContent.slice(0, 80));
  const images = [...document.querySelectorAll('img')];
  const noalt = images.filter(i => !(i.getAttribute('alt') || '').trim())
    .map(i => (i.getAttribute('src') || '').slice(0, 60) + ' in ' + (i.closest('[id]') ? '#' + i.closest('[id]').id : 'body'));
  const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
  return {
    math: math.length, untypeset: untypeset,
    mjx: document.querySelectorAll('.katex, mjx-container').length,
    merror: [...document.querySelectorAll('.katex-error, mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.getAttribute('title') || e.textContent),
    views: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    images: images.length, noalt: noalt, links: links,
  };
}"""

# A static-site slider: a widget slider followed by a Stack (a box) of figures.
# The widget manager loads only when an explorer comes near the viewport (book/_static/widgets-lazy.js):
# bring every saved widget view into view, one after the other, then go back to the top.
# Stay at a view until widgets-lazy.js has asked for the widget manager (its IntersectionObserver fires a frame
# or more later; on a loaded machine 50 ms was sometimes too short, and scrolling back first meant no load).
JS_SCROLL_TO_WIDGETS = """async () => {
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  for (const v of views) {
    v.parentElement.scrollIntoView(); await new Promise(r => setTimeout(r, 50));
    for (let i = 0; i < 200 && !window.__sgWidgetsRequested; i++) { await new Promise(r => setTimeout(r, 50)); }
  }
  window.scrollTo(0, 0);
  return views.length;
}"""
WIDGET_MANAGER = ("embed-amd.js", "require.js")
WIDGET_MARGIN = 1500  # px: widgets-lazy.js starts loading when a view is this close to the viewport
JS_WIDGET_NEAR = f"""() => [...document.querySelectorAll('script[type="{WIDGET_VIEW}"]')]
  .some(v => v.parentElement.getBoundingClientRect().top < innerHeight + {WIDGET_MARGIN})"""
MATH_ENGINES = ("mathjax", "tex-chtml", "katex.min.js", "auto-render")

JS_MARK_SLIDERS = """() => {
  const pairs = [...document.querySelectorAll('.widget-slider')].filter(s => {
    const next = s.nextElementSibling;
    return next && next.classList.contains('widget-box') && next.querySelector('img') && s.querySelector('.noUi-handle');
  });
  pairs.forEach((s, i) => { s.dataset.testSlider = i; s.nextElementSibling.dataset.testStack = i; });
  return pairs.length;
}"""

JS_VISIBLE_FRAME = """(i) => {
  const stack = document.querySelector(`[data-test-stack="${i}"]`);
  const img = [...stack.querySelectorAll('img')].find(im => im.offsetParent !== null);
  return img ? img.getAttribute('src') : null;
}"""


# frames are images fetched when shown (book/_ext/rewrites.py, frames_as_files): bring each explorer into view and wait
# until its visible frame has arrived
JS_FRAMES_LOADED = """async () => {
  for (const ex of document.querySelectorAll('.sg-explorer')) {
    ex.scrollIntoView();
    const img = [...ex.querySelectorAll('img')].find(i => i.offsetParent !== null);
    for (let k = 0; img && !(img.complete && img.naturalWidth) && k < 100; k++) {
      await new Promise(r => setTimeout(r, 50));
    }
  }
  window.scrollTo(0, 0);
}"""

# Each explorer is measured in view: sections far from the viewport are not laid out
# (content-visibility: auto, book/_static/fast.css), so their sizes and text would read as empty.
JS_EXPLORERS = """async () => { const out = []; for (const ex of document.querySelectorAll('.sg-explorer')) {
  ex.scrollIntoView();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)));
  const visible = e => !!e && e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
  const sliders = [...ex.querySelectorAll('.widget-slider')];
  const main = ex.querySelector(':scope > .widget-slider');
  const stack = main && main.nextElementSibling;
  const img = stack ? [...stack.querySelectorAll('img')].find(visible) : null;
  const note = ex.querySelector('.sg-static-only');
  const live = ex.querySelector('.sg-live-only');
  const track = main ? main.querySelector('.noUi-target') : null;
  const label = main ? main.querySelector('.widget-label') : null;
  const measure = () => ({
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
  });
  out.push(measure());
} return out; }"""


def measure_explorers(page) -> tuple[list[dict] | None, str]:
    """What every explorer (``.sg-explorer``) on the open page looks like (JS_EXPLORERS), once its widgets
    are drawn and each explorer's visible frame has arrived; or None and the reason."""
    try:
        # generous waits: on two loaded cores (four Chromiums and the build) a heavy page can take long
        page.wait_for_function(f"({JS_WIDGETS_RENDERED})() === 0", timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.sg-explorer .noUi-target').length > 0",
                               timeout=60_000)
    except Exception as error:  # noqa: BLE001 - reported by tests/browser/test_explorers.py
        return None, f"the explorers were not drawn: {error}"
    page.evaluate(JS_FRAMES_LOADED)
    page.wait_for_timeout(300)
    found = page.evaluate(JS_EXPLORERS)
    page.evaluate("window.scrollTo(0, 0)")
    return found, ""


def visit(chromium, site_url: str, site: Path, page_path: str, color_scheme: str = "light", screenshot=None,
          explorers: bool = True):
    """Open one page and gather everything the tests check (see PageReport). With ``explorers``, on a page
    with an explorer (`sg-explorer` in its HTML) the explorers are measured after axe-core, before the
    sliders move."""
    report = PageReport(page=page_path)
    context = chromium.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
    local = site_url.rstrip("/")

    def route(route):
        url = route.request.url
        if url.startswith(local + "/") or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            report.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: report.requests.append(request.url))
    page.on("response", lambda response: response.status >= 400
            and report.failed.append(f"{response.status} {response.url}"))
    page.on("requestfailed", lambda request: request.url.startswith(local)
            and report.failed.append(f"{request.failure} {request.url}"))
    page.on("console", lambda message: message.type == "error"
            and report.console_errors.append(f"{message.text} ({message.location.get('url', '')})"))
    page.on("pageerror", lambda error: report.console_errors.append(f"uncaught: {error}"))
    try:
        html = (site / page_path).read_text("utf-8")
        # Jupyter Book's index.html is a redirect to the root page: follow it, and check where it leads.
        redirect = re.search(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', html, re.IGNORECASE)
        page.goto(site_url + page_path, wait_until="load")
        if redirect:
            target = urljoin(site_url + page_path, redirect.group(1))
            page.wait_for_url(target, wait_until="load")
            page.wait_for_load_state("load")
            page_path = target.removeprefix(site_url)
        page.evaluate(JS_WAIT_MATHJAX)
        page.wait_for_load_state("networkidle")
        report.runtime_math = [u for u in report.requests if any(m in u.lower() for m in MATH_ENGINES)]
        report.widget_manager_early = [u for u in report.requests if u.split("?")[0].endswith(WIDGET_MANAGER)]
        report.widget_near_at_load = page.evaluate(JS_WIDGET_NEAR)
        page.evaluate(JS_SCROLL_TO_WIDGETS)
        try:
            page.wait_for_function(f"({JS_WIDGETS_RENDERED})() === 0", timeout=45_000)
        except Exception:
            pass  # counted below as unrendered
        page.wait_for_load_state("networkidle")
        page.evaluate(JS_WAIT_MATHJAX)
        facts = page.evaluate(JS_FACTS)
        report.math_elements = facts["math"]
        report.untypeset_math = facts["untypeset"]
        report.mjx_containers = facts["mjx"]
        report.math_errors = facts["merror"]
        report.widget_views = facts["views"]
        report.unrendered_widgets = page.evaluate(JS_WIDGETS_RENDERED)
        report.images = facts["images"]
        report.images_without_alt = facts["noalt"]
        report.linked_stacks = linked_stacks((site / page_path).read_text("utf-8"))
        links = facts["links"] + ([site_url + page_path] if redirect else [])
        report.links_checked, report.broken_links = check_links(site, site_url, page_path, links)
        if screenshot:
            page.screenshot(path=str(screenshot), full_page=True)
        if AXE.is_file():
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("""async () => {
              const r = await axe.run(document, {resultTypes: ['violations']});
              return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}));
            }""")
            report.axe = result
        else:
            report.axe = [{"id": "axe-core-missing", "impact": "critical", "help": f"{AXE} not found: npm ci",
                           "nodes": [], "count": 0}]
        if explorers and "sg-explorer" in html:
            report.explorers, report.explorer_error = measure_explorers(page)
        report.sliders = move_sliders(page)
        page.wait_for_timeout(200)  # let late console errors arrive
    finally:
        context.close()
    return report


def move_sliders(page) -> list[dict]:
    """Move every static-site slider one step with the keyboard; record whether its figure changed."""
    results = []
    for i in range(page.evaluate(JS_MARK_SLIDERS)):
        slider = page.locator(f'[data-test-slider="{i}"]')
        label = slider.locator(".widget-label").first.inner_text() if slider.locator(".widget-label").count() else ""
        handle = slider.locator(".noUi-handle").first
        before = page.evaluate(JS_VISIBLE_FRAME, i)
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        key = "ArrowLeft" if at_max else "ArrowRight"
        handle.focus()
        page.keyboard.press(key)
        try:
            page.wait_for_function(f"(b) => ({JS_VISIBLE_FRAME})({i}) !== b", arg=before, timeout=5_000)
        except Exception:
            pass
        after = page.evaluate(JS_VISIBLE_FRAME, i)
        results.append({"label": label, "key": key, "had_frame": before is not None,
                        "moved": before is not None and after is not None and after != before})
    return results


def check_links(site: Path, site_url: str, page_path: str, hrefs: list[str]) -> tuple[int, list[str]]:
    """Same-site links: the file must exist and, for #fragments, hold that id."""
    checked, broken = 0, []
    for href in sorted(set(hrefs)):
        if not href.startswith(site_url):
            continue
        parts = urlsplit(href)
        rel = unquote(parts.path)[len(urlsplit(site_url).path):]
        target = site / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        checked += 1
        if not target.is_file():
            broken.append(f"{href.replace(site_url, '/')} (no such file)")
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in ids_in(target):
            broken.append(f"{href.replace(site_url, '/')} (no id {fragment!r} in {rel or 'index.html'})")
    return checked, broken


# ---------------------------------------------------------------------------------------------------
# every browser visit of the session, several at a time


class BrowserPool:
    """``workers`` threads, each with its own Playwright and Chromium (Playwright's sync API belongs to the
    thread that started it), taking jobs ``fn(browser, *args)`` from one queue in the order submitted."""

    def __init__(self, workers: int):
        self._jobs: queue.Queue = queue.Queue()
        self._threads = [threading.Thread(target=self._work, daemon=True, name=f"browser-{i}")
                         for i in range(workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        self._jobs.put((future, fn, args))
        return future

    def _work(self):
        from playwright.sync_api import sync_playwright

        done = False
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    while (job := self._jobs.get()) is not None:
                        future, fn, args = job
                        if future.set_running_or_notify_cancel():
                            try:
                                future.set_result(fn(browser, *args))
                            except BaseException as error:  # noqa: BLE001 - raised again by .result()
                                future.set_exception(error)
                    done = True
                finally:
                    browser.close()
        except BaseException as error:  # noqa: BLE001 - e.g. Chromium did not start: fail the jobs, do not hang
            while not done and (job := self._jobs.get()) is not None:
                if job[0].set_running_or_notify_cancel():
                    job[0].set_exception(error)

    def close(self):
        while True:  # jobs nobody waits for any more (a test run stopped early)
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job[0].cancel()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join(60)


def serve(folder: Path):
    """An http.server for ``folder`` on 127.0.0.1 in a thread; returns (server, base URL)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def env_dir(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return (ROOT / value).resolve() if value else None


def open_page(browser, base: str, path: str, settle_ms: int = 0):
    """Open ``path``; return (page, context, record) where record has the external, failed and error lists."""
    record = {"external": [], "failed": [], "errors": []}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:", "blob:"))
                  else (record["external"].append(r.request.url), r.abort()))
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and record["failed"].append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.goto(base + path, wait_until="networkidle")
    if settle_ms:
        page.wait_for_timeout(settle_ms)
    return page, context, record


def widget_page_of(site: Path) -> str:
    """The first page with saved widgets and math, else with widgets, else the root page."""
    pages = []
    for rel in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        text = (site / rel).read_text("utf-8")
        if "widget-view+json" in text:
            pages.append((("class=\"math" in text), rel))
    return max(pages)[1] if pages else "index.html"


def decks(folder: Path | None) -> list[str]:
    return sorted(p.name for p in folder.glob("*.slides.html")) if folder and folder.is_dir() else []


# jobs: fn(browser, ...) -> what the tests assert on

def student_page_job(browser, base: str, path: str) -> dict:
    page, context, record = open_page(browser, base, path)
    context.close()
    return record


def deck_job(browser, base: str, deck: str) -> tuple[dict, dict, int]:
    """Open a deck; return (record, facts, slide index after one ArrowRight)."""
    page, context, record = open_page(browser, base, deck)
    try:
        page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()", timeout=20_000)
        facts = page.evaluate("""() => ({
          slides: Reveal.getTotalSlides(), top: document.querySelectorAll('.slides > section').length,
          mjx: document.querySelectorAll('.katex').length,
          merror: document.querySelectorAll('.katex-error').length,
          raw: (document.querySelector('.slides').innerText.match(/\\{(glue|term|ref|numref|cite)[:a-z]*\\}`/g) || []),
          dollars: (document.querySelector('.slides').innerText.match(/\\$\\$/g) || []).length,
          text: document.querySelector('.slides').innerText })""")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        moved = page.evaluate("() => Reveal.getIndices().h")
    finally:
        context.close()
    return record, facts, moved


def collapsed_solutions_job(browser, base: str) -> tuple[int, list[bool]]:
    """book/nash.html on the main site: the number of solutions, and whether each solution body is visible."""
    page, context, record = open_page(browser, base, "book/nash.html", settle_ms=300)
    try:
        bodies = page.locator(".solution .admonition-title ~ *")
        return page.locator(".solution").count(), [bodies.nth(i).is_visible() for i in range(bodies.count())]
    finally:
        context.close()


def image_backgrounds(chromium, site_url, page_path, scheme):
    context = chromium.new_context(color_scheme=scheme)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
    page = context.new_page()
    try:
        page.goto(site_url + page_path, wait_until="networkidle")
        page.wait_for_timeout(500)
        return page.evaluate("""() => [document.documentElement.dataset.theme,
          [...document.querySelectorAll('.cell_output img, .bd-article figure img')]
            .filter(i => i.offsetParent !== null)
            .map(i => getComputedStyle(i).backgroundColor)]""")
    finally:
        context.close()


def screenshot_job(browser, site_url: str, site: Path, page_path: str, scheme: str):
    """The page in ``scheme`` with a full-page screenshot to <site>/../screenshots/; returns
    (its PageReport, the page's data-theme, the background colours of its visible images)."""
    out = site.parent / "screenshots"
    out.mkdir(exist_ok=True)
    shot = out / f"{page_path.replace('/', '_').removesuffix('.html')}-{scheme}.png"
    report = visit(browser, site_url, site, page_path, color_scheme=scheme, screenshot=shot, explorers=False)
    return report, *image_backgrounds(browser, site_url, page_path, scheme)


JS_HUB_TYPESET = """async () => {
  const div = document.createElement('div');
  div.textContent = 'markup $m_M = \\\\frac{a}{3y}$ here';
  document.body.appendChild(div);
  await window.MathJax.Hub.Queue(['Typeset', window.MathJax.Hub, div]);
  return div.innerHTML;
}"""


def widget_math_job(browser, site_url: str, page_path: str) -> tuple[list[str], str, list[str]]:
    """A page with saved widgets, scrolled to them: (the requests made once the widgets are drawn, the HTML
    MathJax 2's Hub.Queue typesets, the requests made by then)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(site_url + page_path, wait_until="networkidle")
        # as in a reader's visit: the explorer comes into view, so RequireJS and the widget manager load
        page.evaluate(JS_SCROLL_TO_WIDGETS)
        page.wait_for_function("() => window.define && window.define.amd && document.querySelector('.jupyter-widgets')",
                               timeout=20_000)
        before = list(requests)
        html = page.evaluate(JS_HUB_TYPESET)
        return before, html, list(requests)
    finally:
        context.close()


JS_SCROLLABLE = """() => {
  const blocks = [...document.querySelectorAll(["pre", ".nboutput > .output_area", ".cell_output > .output",
                                                ".jp-RenderedHTMLCommon", ".pst-scrollable-table-container"].join(", "))];
  const scrolls = b => b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight;
  return {blocks: blocks.length, unreachable: blocks.filter(b => b.tabIndex !== 0 && scrolls(b)).length,
          wrong: blocks.filter(b => b.tabIndex !== (scrolls(b) ? 0 : -1)).length};
}"""


def scrollable_job(browser, site_url: str, page_path: str) -> tuple[dict, dict]:
    """The code blocks' keyboard reachability on a phone-sized page: (at load, once every block has been in
    view), each as JS_SCROLLABLE counts it."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + page_path, wait_until="load")
        at_load = page.evaluate(JS_SCROLLABLE)
        page.evaluate("""async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 400) {
            window.scrollTo(0, y); await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          }
        }""")
        page.wait_for_function(f"() => ({JS_SCROLLABLE})().wrong === 0", timeout=10_000)
        return at_load, page.evaluate(JS_SCROLLABLE)
    finally:
        context.close()


@dataclass
class BrowserWork:
    """Futures of every browser job of the session, by what the tests look them up with."""
    reports: dict[str, Future] = field(default_factory=dict)        # main site page -> PageReport
    student: dict[str, Future] = field(default_factory=dict)        # student page -> record
    decks: dict[str, Future] = field(default_factory=dict)          # deck file -> (record, facts, moved)
    screenshots: dict[str, Future] = field(default_factory=dict)    # colour scheme -> screenshot_job()
    collapsed: Future | None = None
    widget_math: Future | None = None
    scrollable: Future | None = None


_REPORTS: dict[str, PageReport] = {}
WORKERS = int(os.environ.get("BROWSER_WORKERS", "4"))


@pytest.fixture(scope="session")
def browser_work(request):
    """Queue, once, every browser job the selected tests need, heaviest first; tests read the results.
    Jobs whose input is missing (no BOOK_SITE, STUDENT_SITE or SLIDES_DIR) are not queued: their tests skip
    or fail on that before they look for a result."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)")
    needed = set().union(*(getattr(item, "fixturenames", ()) for item in request.session.items))
    work, servers = BrowserWork(), []
    pool = BrowserPool(WORKERS)
    site = env_dir("BOOK_SITE")
    if site and (site / "index.html").is_file():
        server, url = serve(site)
        servers.append(server)
        if needed & {"widget_page", "screenshots"}:
            for scheme in ("light", "dark"):
                work.screenshots[scheme] = pool.submit(screenshot_job, url, site, widget_page_of(site), scheme)
        if needed & {"report", "explorers"}:
            # the pages with the most to check (largest files: math, widgets, explorers) first
            for page in sorted(site_pages(site), key=lambda p: -(site / p).stat().st_size):
                work.reports[page] = pool.submit(visit, url, site, page)
        if "widget_math" in needed:
            pages = [p for p in sorted(site.rglob("*.html"))
                     if "application/vnd.jupyter.widget-state+json" in p.read_text("utf-8")]
            if pages:
                work.widget_math = pool.submit(widget_math_job, url, pages[0].relative_to(site).as_posix())
        if "scrollable" in needed:
            work.scrollable = pool.submit(scrollable_job, url, "book/stackelberg.html")
        if "collapsed_solutions" in needed:
            work.collapsed = pool.submit(collapsed_solutions_job, url)
    for variable, need, listing, job, results in (("SLIDES_DIR", "deck_result", decks, deck_job, work.decks),
                                                  ("STUDENT_SITE", "student_records", site_pages, student_page_job,
                                                   work.student)):
        folder = env_dir(variable)
        if need in needed and folder and folder.is_dir():
            server, url = serve(folder)
            servers.append(server)
            for item in listing(folder):
                results[item] = pool.submit(job, url, item)
    yield work
    pool.close()
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def report(site, page_path, browser_work) -> PageReport:
    """The page's PageReport (visited once, on the browser pool); the tests of a page share it."""
    if page_path not in _REPORTS:
        _REPORTS[page_path] = browser_work.reports[page_path].result()
    return _REPORTS[page_path]


def pytest_terminal_summary(terminalreporter):
    if not _REPORTS:
        return
    rows = []
    for page, r in sorted(_REPORTS.items()):
        rows.append((page, len(r.requests), len(r.blocked), len(r.failed), len(r.console_errors), r.mjx_containers,
                     f"{r.widget_views - r.unrendered_widgets}/{r.widget_views}",
                     f"{sum(s['moved'] for s in r.sliders)}/{len(r.sliders)}", r.images,
                     len(r.broken_links), len(r.serious_axe), len(r.axe)))
    head = ("page", "requests", "external", "failed", "console errors", "math", "widgets", "sliders moved",
            "images", "broken links", "axe serious+", "axe all")
    widths = [max(len(str(x)) for x in column) for column in zip(head, *rows)]
    terminalreporter.section("browser: per-page counts")
    for row in (head, *rows):
        terminalreporter.write_line("  ".join(str(x).rjust(w) if i else str(x).ljust(w)
                                              for i, (x, w) in enumerate(zip(row, widths))))
    site = site_dir()
    if site:
        out = site.parent / "browser-report.json"
        out.write_text(json.dumps({p: {**asdict(r), "serious_axe": r.serious_axe} for p, r in _REPORTS.items()},
                                  indent=1))
        terminalreporter.write_line(f"details: {out}")
