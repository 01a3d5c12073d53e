"""The build-time guard (book/_ext/offline_guard.py) catches every way a page could fetch from another host.

Runs without a browser or a built site (it is part of the plain `pytest` run too).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "book" / "_ext"))

import offline_guard as guard  # noqa: E402


def test_fetching_tags_are_flagged():
    html = """
    <script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>
    <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Lato">
    <img alt="x" srcset="a.png 1x, https://example.org/b.png 2x">
    <iframe src="http://example.org/embed"></iframe>
    <div style="background: url('https://example.org/bg.png')"></div>
    <style>@import "https://example.org/theme.css";</style>
    """
    urls = [url for _, url in guard.scan_html(html)]
    assert urls == ["https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js", "//fonts.googleapis.com/css?family=Lato",
                    "https://example.org/b.png", "http://example.org/embed", "https://example.org/bg.png",
                    "https://example.org/theme.css"]


def test_thebe_inline_url_and_widget_state_are_flagged():
    """sphinx-thebe's inline THEBE_JS_URL, and an <img src=https://...> saved in a widget's state."""
    html = ('<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"</script>'
            '<script type="application/vnd.jupyter.widget-state+json">'
            '{"value": "<img src=\\"https://example.org/x.png\\">"}</script>')
    assert [url for _, url in guard.scan_html(html)] == ["https://unpkg.com/thebe@0.8.2/lib/index.js",
                                                       "https://example.org/x.png"]


def test_local_files_and_hyperlinks_are_allowed():
    """Relative and data: URLs are local; an <a href> to another site is fetched only when clicked."""
    html = """
    <script src="../_static/vendor/mathjax/tex-chtml-full.js"></script>
    <img alt="frame" src="data:image/png;base64,iVBORw0KGgo=">
    <a href="https://doi.org/10.22158/jbtp.v13n1p67">the paper</a>
    <script type="application/vnd.jupyter.widget-state+json">{"value": "<a href=\\"https://x.org\\">x</a>"}</script>
    """
    assert guard.scan_html(html) == []


def test_stylesheets_are_scanned():
    css = "@font-face { src: url(../fonts/a.woff2) } .a { background: url( 'https://cdn.example/x.png') }"
    assert guard.scan_css(css) == [("url()", "https://cdn.example/x.png")]
