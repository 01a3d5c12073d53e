"""The means that make the site fast on a phone, guarded cheaply (issue "Fast on a phone").

Lighthouse measures the result (`make bench`, benchmarks/RESULTS.md) but is a benchmark, not a test. These tests
check, on every page of the built site, that the means stay in place: math typeset at build time with MathML
for screen readers and no math engine fetched by the reader's browser; the widget manager fetched only when an
explorer comes near; no Font Awesome script, no search index outside the search page; images that reserve
their space (book/_ext/rewrites.py, book/_static/widgets-lazy.js).
"""

from __future__ import annotations

import re

import pytest


def test_no_math_engine_runs_in_the_readers_browser(report):
    """The page's formulas arrive typeset: no MathJax or KaTeX script is fetched while the page loads."""
    assert report.runtime_math == []


def test_widget_manager_waits_for_an_explorer(report):
    """The widget manager (RequireJS and embed-amd.js, 3.6 MB) is fetched only when an explorer is near the
    viewport, and then the explorers do render (test_site.py checks every one is drawn after scrolling)."""
    if not report.widget_near_at_load:
        assert report.widget_manager_early == []
    if report.widget_views:
        assert any(u.split("?")[0].endswith("embed-amd.js") for u in report.requests)


def test_no_font_awesome_script_and_no_search_index_outside_search(report):
    assert not [u for u in report.requests if "fontawesome.js" in u]
    if not report.page.endswith("search.html"):
        assert not [u for u in report.requests if "searchindex.js" in u]


def test_typeset_math_carries_mathml(site, page_path):
    """Every formula KaTeX typeset also carries MathML, which screen readers read."""
    html = (site / page_path).read_text("utf-8")
    assert html.count('class="katex"') == html.count('class="katex-mathml"')
    assert html.count('class="katex-mathml"') == len(re.findall(r'<span class="katex-mathml"><math', html))


def test_images_reserve_their_space(site, page_path):
    """Every image of a file has its width and height in the page (no layout shift when it arrives)."""
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", (site / page_path).read_text("utf-8"), flags=re.S | re.I)
    images = [tag for tag in re.findall(r"<img\b[^>]*>", html) if 'src="data:' not in tag]
    assert [tag[:120] for tag in images if " width=" not in tag or " height=" not in tag] == []


@pytest.fixture
def widget_math(site, browser_work):
    """conftest.widget_math_job on the first page with saved widgets."""
    assert browser_work.widget_math is not None, "no page with saved widgets"
    return browser_work.widget_math.result()


def test_math_inside_a_widget_still_typesets(widget_math):
    """The widget manager typesets a widget's label or HTML through MathJax 2's Hub.Queue; the shim answers it
    with the vendored KaTeX, fetched only then, and loaded as globals although RequireJS is on the page
    (book/_static/widgets-offline-shim.js)."""
    before, html, requests = widget_math
    # as in a reader's visit: the explorer came into view, so RequireJS and the widget manager loaded
    assert not [u for u in before if "katex.min.js" in u]
    assert 'class="katex"' in html and "<math" in html
    assert [u for u in requests if "katex.min.js" in u]


def test_one_pruned_stylesheet_and_a_subset_icon_font(site, page_path):
    """A page's first paint waits for one stylesheet, pruned of the rules no page of the site can use (about
    30 KB gzipped instead of 97), whose icon font holds only the icons the site shows (a few KB instead of
    156) (book/_ext/rewrites.py and stylesheets.py)."""
    path = site / page_path
    head = path.read_text("utf-8").split("</head>")[0]
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
    if not links:  # the site's root page only redirects
        assert "http-equiv=\"Refresh\"" in head or 'http-equiv="refresh"' in head
        return
    assert len(links) == 1 and "/bundle-pruned-" in "/" + links[0]
    css = (path.parent / links[0]).read_text("utf-8")
    assert "fa-brands-400" not in css and ".fa-github:" not in css and "fa-solid-900.woff2" not in css
    fonts = re.findall(r'url\("(fa-[\w.-]+\.woff)"\)', css)
    assert fonts and all((path.parent / links[0]).parent.joinpath(f).stat().st_size < 20_000 for f in fonts)



@pytest.fixture
def scrollable(site, browser_work):
    """conftest.scrollable_job on a chapter with many code blocks."""
    return browser_work.scrollable.result()


def test_code_blocks_that_scroll_are_reachable_by_keyboard_without_a_layout_at_load(site, scrollable):
    """The theme's first check of every code block's scroll size is replaced by one per block in view
    (book/_ext/postprocess.py, lazy_scrollable): at load every block can take the keyboard focus, and once each
    has been in view, exactly those that scroll can, as with the theme's own check."""
    assert "sg-lazy-scrollable" in (site / "_static" / "scripts" / "pydata-sphinx-theme.js").read_text("utf-8")
    at_load, after = scrollable
    assert at_load["blocks"] > 10 and at_load["unreachable"] == 0
    assert after["unreachable"] == 0 and after["wrong"] == 0
