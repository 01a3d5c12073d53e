"""Keep the built site self-contained: no page makes the browser fetch anything from another host.

Used by postprocess.py, which scans every page (after its rewrites, on its parsed tree) and every stylesheet under
``_static``; the build fails with an error naming each page and URL, with or without ``-W``. A URL is an error when
the browser would fetch it on its own:

- ``src``/``srcset``/``href``/``data``/``poster`` of script, link, img, iframe, source, video, audio, track,
  embed, object, input and SVG image/use elements;
- ``url(...)`` and ``@import`` in ``<style>`` blocks, ``style`` attributes and ``_static/**/*.css``;
- URLs in the body of inline JavaScript (this is how sphinx-thebe's unpkg URL reached every page) and ``src=``
  inside saved widget state (an HTML widget's ``<img src="https://...">`` would be fetched).

Ordinary hyperlinks (``<a href="https://doi.org/...">``) are allowed: nothing is fetched until the reader clicks.
``check_vendored`` fails a build early when the vendored files the configuration names are missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
# url(...) and @import in CSS
CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:https?:)?//[^'")\s]+)|@import\s+['"]((?:https?:)?//[^'"]+)""",
                     re.IGNORECASE)
# a quoted absolute URL in JavaScript source
JS_URL = re.compile(r"""['"`]((?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^'"`\s]*)""")
# src="//..." inside JSON-encoded HTML (saved widget state)
STATE_SRC = re.compile(r"""\b(?:src|srcset|poster|data)\s*=\s*\\?['"]?\s*((?:https?:)?//[^'"\\\s>]+)""",
                       re.IGNORECASE)

FETCHING = {  # tag -> attributes whose URL the browser fetches without a click
    "script": ("src",), "link": ("href", "imagesrcset"), "img": ("src", "srcset"), "iframe": ("src",),
    "frame": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
JS_TYPES = ("", "text/javascript", "application/javascript", "module")
DATA_TYPES = ("application/vnd.jupyter.widget-state+json", "application/vnd.jupyter.widget-view+json")
# loaded by book/_static/widgets-lazy.js when an explorer comes near the viewport
LAZY = ["vendor/requirejs/require.js", "vendor/html-manager/embed-amd.js"]


def scan_tree(root: HtmlElement) -> list[tuple[str, str]]:
    """Remote fetches in one parsed page: a list of (where, url), in document order."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # a comment
        tag = el.tag.lower()
        for name in FETCHING.get(tag, ()):
            value = el.get(name, "")
            urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] if "srcset" in name else [value]
            found += [(f"<{tag} {name}>", url.strip()) for url in urls if REMOTE.match(url)]
        found += [(f"<{tag} style>", m.group(1) or m.group(2)) for m in CSS_URL.finditer(el.get("style", ""))]
        text = el.text or ""
        if tag == "style":
            found += [("<style>", m.group(1) or m.group(2)) for m in CSS_URL.finditer(text)]
        elif tag == "script" and el.get("type", "").lower() in JS_TYPES:
            found += [("inline <script>", m.group(1)) for m in JS_URL.finditer(text)]
        elif tag == "script" and el.get("type", "").lower() in DATA_TYPES:
            found += [("saved widget state", m.group(1)) for m in STATE_SRC.finditer(text)]
    return found


def scan_html(text: str) -> list[tuple[str, str]]:
    """Remote fetches in one HTML page (or fragment): a list of (where, url)."""
    return scan_tree(lxml.html.document_fromstring(text))


def scan_css(text: str) -> list[tuple[str, str]]:
    """Remote fetches in one stylesheet."""
    return [("url()" if m.group(1) else "@import", m.group(1) or m.group(2)) for m in CSS_URL.finditer(text)]


def scan_stylesheets(site: Path) -> list[tuple[str, str, str]]:
    """(file, where, url) for every remote fetch in the stylesheets under ``site/_static``."""
    problems = []
    for path in sorted((site / "_static").rglob("*.css")):
        rel = path.relative_to(site).as_posix()
        problems += [(rel, where, url) for where, url in scan_css(path.read_text("utf-8", "replace"))]
    return problems


def missing_vendored(config, confdir: str) -> list[str]:
    """The local files named in the configuration (the KaTeX stylesheet, the widget scripts, and the two the lazy
    loader fetches, LAZY) that no html_static_path folder holds: book/_static/vendor/ is filled by `make book`."""
    names = [getattr(config, "katex_css_path", "")] + list(getattr(config, "nb_ipywidgets_js", {}) or {}) + LAZY
    folders = [Path(confdir, p) for p in config.html_static_path]
    return [name for name in names if name and not REMOTE.match(name)
            and not any((folder / name).is_file() for folder in folders)]
