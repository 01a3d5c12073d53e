"""The rewrites of the one pass over each built page (postprocess.py), on the page's parsed tree (lxml).

Each rewrite is a function of a ``Page``, registered in ``REWRITES`` in the order the pass applies them; its
docstring says what it fixes and why. Every rewrite leaves a page it has already rewritten as it is, since a later
build rewrites every page again, the ones Sphinx left untouched included. What each is coupled to (a theme's
markup, a file name) is listed in coupling.py. Lighthouse figures for each: benchmarks/RESULTS.md ("Post-processing:
what each rewrite gains"), where the two dropped as marginal (preloading KaTeX's fonts, dropping the theme's script
preloads) are also recorded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")
BUNDLE_TOKEN = "sg-bundle:"  # + a key: the bundle link's href until postprocess.py knows the bundle's file name


@dataclass
class Page:
    """One built page while the pass rewrites it."""

    path: Path
    site: Path  # the build's output folder (a second language's build has its own)
    root: HtmlElement
    stylesheets: tuple[Path, ...] = ()  # set by bundle_stylesheets: the files the page's one link stands for
    notes: list[str] = field(default_factory=list)  # problems a rewrite found (postprocess.py reports them)

    @property
    def static(self) -> Path:
        return self.site / "_static"

    @property
    def head(self) -> HtmlElement:
        return self.root.find("head")

    def url(self, target: Path) -> str:
        """A relative URL from this page to ``target``."""
        return relative_url(target, self.path)

    def file(self, url: str) -> Path | None:
        """The local file a relative URL of this page names, or None (a remote or data: URL)."""
        if re.match(r"^(?:[a-z]+:|//|#)", url, re.I):
            return None
        return (self.path.parent / url.split("?")[0].split("#")[0]).resolve()

    def xpath(self, query: str) -> list[HtmlElement]:
        return self.root.xpath(query)


def relative_url(target: Path, page: Path) -> str:
    """A relative URL from the page ``page`` to the file ``target``."""
    return os.path.relpath(target, page.parent).replace(os.sep, "/")


Rewrite = Callable[[Page], None]
REWRITES: dict[str, Rewrite] = {}


def rewrite(func: Rewrite) -> Rewrite:
    REWRITES[func.__name__] = func
    return func


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# ---------------------------------------------------------------------------------------------------------------
# offline: nothing fetched from another host


@rewrite
def drop_thebe(page: Page) -> None:
    """No sphinx-thebe. Jupyter Book 1 always loads it, and it writes ``const THEBE_JS_URL = "https://unpkg.com/..."``
    (which the offline guard rejects), a Binder configuration and its script and stylesheet into every page, even
    with ``launch_buttons.thebe: false``; _config.yml cannot remove a default extension. The book runs no code in
    the browser, so all of it goes."""
    for el in page.xpath("//script[contains(., 'THEBE_JS_URL') or @type='text/x-thebe-config' "
                         "or contains(@src, 'sphinx-thebe.js')] | //link[contains(@href, 'sphinx-thebe.css')]"):
        el.drop_tree()


# ---------------------------------------------------------------------------------------------------------------
# accessibility (axe-core findings in tests/browser/)


@rewrite
def citations_as_list_items(page: Page) -> None:
    """Bibliography entries are list items. Sphinx 7 writes ``<div role="list">`` around ``<div class="citation"
    role="doc-biblioentry">``, a deprecated role that is no list item (axe-core: aria-required-children, critical;
    aria-deprecated-role)."""
    for el in page.xpath("//*[@role='doc-biblioentry']"):
        el.set("role", "listitem")


@rewrite
def hidden_cell_names(page: Page) -> None:
    """A hidden cell's toggle is named by its visible text. myst-nb writes ``<summary aria-label="Toggle hidden
    content">`` around the text "Show code cell content", so the name does not contain the visible label (axe-core:
    label-content-name-mismatch, serious)."""
    for el in page.xpath("//summary[@aria-label='Toggle hidden content']"):
        del el.attrib["aria-label"]


@rewrite
def toc_toggle_names(page: Page) -> None:
    """The sidebar's section toggles have a name. pydata-sphinx-theme writes ``<a>Entry</a><details><summary><span
    class="toctree-toggle">`` with only an icon in the summary (axe-core: summary-name, serious); each gets an
    ``aria-label`` naming the entry it opens."""
    for summary in page.xpath(f"//details/summary[not(@aria-label)][span[{_has_class('toctree-toggle')}]]"):
        link = summary.getparent().getprevious()
        if link is None or link.tag != "a":
            page.notes.append("toc_toggle_names: a sidebar toggle without the entry's link before it; the theme's "
                              "toctree markup changed (coupling.py)")
            continue
        title = " ".join(link.text_content().split())
        summary.set("aria-label", f"Show or hide the sections of {title}")


# ---------------------------------------------------------------------------------------------------------------
# speed on a phone (Lighthouse, mobile profile)


@rewrite
def no_fontawesome_script(page: Page) -> None:
    """No Font Awesome JavaScript. The theme loads ``scripts/fontawesome.js`` (1.5 MB) to turn its icons into inline
    SVG; its stylesheet already draws the same icons from the web font, so the script goes and the icons stay."""
    for el in page.xpath("//script[contains(@src, 'scripts/fontawesome.js')]"):
        el.drop_tree()


@rewrite
def search_scripts_on_search_page(page: Page) -> None:
    """The search scripts and index (``searchindex.js`` grows with the book) only on ``search.html``, the one page
    that searches; the search box elsewhere is a form that opens it."""
    if page.path.name == "search.html":
        return
    for el in page.xpath("//script[@src]"):
        if any(name in el.get("src", "") for name in SEARCH_SCRIPTS):
            el.drop_tree()


@rewrite
def defer_head_scripts(page: Page) -> None:
    """Scripts that do not block the first paint. Sphinx writes its scripts into ``<head>`` without ``defer``: each
    gets ``defer`` (deferred scripts still run in order, after parsing), except ``documentation_options.js``,
    which the page's inline scripts read at once; its few lines are written into the page instead (one blocking
    request less)."""
    for el in page.head.xpath("script[@src]"):
        src = el.get("src", "")
        if "documentation_options.js" in src:
            path = page.file(src)
            if path is not None and path.is_file():
                del el.attrib["src"]
                el.text = path.read_text("utf-8").strip()
        elif not ({"defer", "async"} & set(el.attrib)) and el.get("type") != "module":
            el.set("defer", "")


def _image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG (from its header) or an SVG (from its viewBox), else None."""
    if not path.is_file():
        return None
    if path.suffix.lower() == ".png":
        with open(path, "rb") as handle:
            head = handle.read(24)
        return struct.unpack(">II", head[16:24]) if head[:8] == b"\x89PNG\r\n\x1a\n" else None
    if path.suffix.lower() == ".svg":
        box = re.search(r'viewBox="[\d.\s-]+?\s([\d.]+)\s+([\d.]+)"', path.read_text("utf-8", "replace")[:2000])
        return (round(float(box.group(1))), round(float(box.group(2)))) if box else None
    return None


@rewrite
def images_reserve_space(page: Page) -> None:
    """Images that do not shift the page and load when needed: every ``<img>`` of a local file gets its ``width`` and
    ``height`` (read from the file, so the browser reserves the space) and ``decoding="async"``; all but the first
    get ``loading="lazy"``."""
    count = 0
    for img in page.xpath("//img[@src]"):
        path = page.file(img.get("src", ""))
        if path is None:
            continue
        count += 1
        if "decoding" not in img.attrib:
            img.set("decoding", "async")
        if count > 1 and "loading" not in img.attrib:
            img.set("loading", "lazy")
        size = None if "width" in img.attrib else _image_size(path)
        if size:
            img.set("width", str(size[0]))
            img.set("height", str(size[1]))


def _frame_html(value: str, page: Page) -> str:
    """An HTML widget's value with its base64 PNGs written to ``_images/`` and pointed at (see frames_as_files)."""
    parts = lxml.html.fragments_fromstring(value)
    images = page.site / "_images"
    for part in parts:
        if isinstance(part, str):
            continue
        for el in part.iter("img", "source"):
            attr = "src" if el.tag == "img" else "srcset"
            data = el.get(attr, "")
            if not data.startswith("data:image/png;base64,"):
                continue
            raw = base64.b64decode(data.split(",", 1)[1])
            target = images / f"wf-{hashlib.sha256(raw).hexdigest()[:20]}.png"
            if not target.exists():
                images.mkdir(exist_ok=True)
                target.write_bytes(raw)
            el.set(attr, page.url(target))
            if el.tag == "img":
                el.set("loading", "lazy")
    return "".join(p if isinstance(p, str) else lxml.html.tostring(p, encoding="unicode") for p in parts)


@rewrite
def frames_as_files(page: Page) -> None:
    """Explorer frames as files, fetched when shown. An explorer stores one PNG per position of its slider, base64
    in the page's saved widget state: up to a megabyte every visit downloads before the first paint. Each frame is
    written once to ``_images/wf-<hash>.png``, and the state points at it (a relative URL: the site works from
    disk) with ``loading="lazy"``. A ``<picture>`` frame (a narrow figure for phones in its ``<source srcset>``,
    see soe_grassroots.widgets) has both files written; the browser fetches the one its screen selects."""
    for script in page.xpath(f"//script[@type='{WIDGET_STATE}']"):
        if "data:image/png;base64," not in (script.text or ""):
            continue
        state = json.loads(script.text)
        for model in state.get("state", {}).values():
            value = model.get("state", {}).get("value")
            if isinstance(value, str) and "data:image/png;base64," in value:
                model["state"]["value"] = _frame_html(value, page)
        script.text = json.dumps(state).replace("</", "<\\/")


@rewrite
def bundle_stylesheets(page: Page) -> None:
    """One stylesheet instead of fourteen, each a render-blocking request. The stylesheets a page links become one
    link whose file postprocess.py writes (``_static/bundle-pruned-<hash>.css``, stylesheets.py). The link keeps
    the original links in ``data-sg-bundle``, so that a later build, which may leave this page as it is, makes the
    bundle again from the stylesheets as they are then (no stale styles)."""
    done = page.head.xpath("link[@data-sg-bundle]")
    links = done or page.head.xpath("link[@rel='stylesheet']")
    hrefs = done[0].get("data-sg-bundle", "").split() if done else [link.get("href", "") for link in links]
    files = [page.file(h) for h in hrefs]
    if (len(hrefs) < 2 and not done) or not all(f and f.is_file() and page.static in f.parents for f in files):
        return
    page.stylesheets = tuple(f for f in files if f is not None)
    key = hashlib.sha256("\n".join(f.relative_to(page.static).as_posix() for f in page.stylesheets).encode())
    first = links[0]
    for link in links[1:]:
        link.drop_tree()
    first.attrib.clear()
    first.attrib.update({"rel": "stylesheet", "href": BUNDLE_TOKEN + key.hexdigest()[:16],
                         "data-sg-bundle": " ".join(hrefs)})
