"""Fixtures for the real-browser tests of the built site (tests/browser/).

The suite needs a built site and Debian's Chromium; `make test` provides both and runs

    BOOK_SITE=_build/html .venv/bin/python -m pytest -o addopts="" -p no:cacheprovider tests/browser

Without BOOK_SITE the page tests are skipped (a plain `pytest` run collects this folder too).

Each page is served by a local http.server on 127.0.0.1 and opened once in headless Chromium with every
request to another host recorded and aborted; `visit()` gathers everything the tests assert (requests,
console messages, math, widgets, sliders, images, links, axe-core results) into a `PageReport`, cached
per page. At the end, pytest prints a per-page table and writes it to <site>/../browser-report.json.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
    """Every HTML page of the built site, as paths relative to its root (assets excluded)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(("_static/", "_sources/", "_images/")):
            pages.append(rel)
    return pages


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
def site_url(site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


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


@functools.lru_cache(maxsize=None)
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
JS_SCROLL_TO_WIDGETS = """async () => {
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  for (const v of views) { v.parentElement.scrollIntoView(); await new Promise(r => setTimeout(r, 50)); }
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


def visit(chromium, site_url: str, site: Path, page_path: str, color_scheme: str = "light", screenshot=None):
    """Open one page and gather everything the tests check (see PageReport)."""
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
            page.wait_for_function(f"({JS_WIDGETS_RENDERED})() === 0", timeout=20_000)
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


_REPORTS: dict[str, PageReport] = {}
WORKERS = 2  # the machine has two cores; each worker thread drives its own Chromium


def _visit_all(site_url: str, site: Path, pages: list[str]) -> dict[str, PageReport]:
    """Visit ``pages`` in ``WORKERS`` threads. Playwright's sync API is per thread, so each
    thread starts its own Playwright and browser and takes every WORKERS-th page."""
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    def work(share: list[str]) -> dict[str, PageReport]:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return {p: visit(browser, site_url, site, p) for p in share}
            finally:
                browser.close()

    with ThreadPoolExecutor(WORKERS) as pool:
        parts = pool.map(work, [pages[i::WORKERS] for i in range(WORKERS)])
    return {page: r for part in parts for page, r in part.items()}


@pytest.fixture
def report(site_url, site, page_path) -> PageReport:
    """The page's PageReport. On first use every page is visited (two at a time); the tests of a
    page share its report."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)")
    if page_path not in _REPORTS:
        _REPORTS.update(_visit_all(site_url, site, [p for p in site_pages(site) if p not in _REPORTS]))
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
