"""The built site works offline, in a real browser (issue "A static site that works offline").

Every page of the built site is opened in Debian's headless Chromium, served from 127.0.0.1 with every
other host blocked (see conftest.py). Readers behind firewalls or in air-gapped labs must get the same
book as everyone else: typeset math, rendered widgets, sliders that move, and pages a screen reader
can use.
"""

from __future__ import annotations

import pytest

from conftest import widget_page_of


def test_no_request_leaves_localhost(report):
    """Nothing is fetched from a CDN or any other host: the site works without network."""
    assert report.blocked == []


def test_no_failed_requests(report):
    """Every file a page asks for is in the site (no 404: fonts, scripts, images)."""
    assert report.failed == []


def test_no_console_errors(report):
    """No console.error and no uncaught exception while the page loads and its sliders move."""
    assert report.console_errors == []


def test_math_is_typeset(report):
    """Where the source has math, every formula is typeset (by KaTeX, at build time), without TeX errors."""
    assert report.untypeset_math == []
    assert report.math_errors == []
    if report.math_elements:
        assert report.mjx_containers >= report.math_elements


def test_saved_widgets_render(report):
    """Every saved widget view on the page is drawn by the widget manager."""
    assert report.unrendered_widgets == 0, f"{report.unrendered_widgets} of {report.widget_views} views not drawn"


def test_sliders_move_their_figure(report):
    """Every static-site slider (a slider jslinked to a Stack of frames) changes the figure when moved
    with the keyboard: the explorers' main sliders work without a kernel (STYLE.md, "An explorer")."""
    assert len(report.sliders) == report.linked_stacks, (
        f"found {len(report.sliders)} slider+figure pairs on the page, the saved state links "
        f"{report.linked_stacks} Stacks to a slider")
    assert [s for s in report.sliders if not s["moved"]] == []


def test_images_have_alt_text(report):
    """Every image, including the frames inside widgets, has non-empty alt text."""
    assert report.images_without_alt == []


def test_internal_links_resolve(report):
    """Every link within the site leads to an existing page and, for #fragments, an existing anchor."""
    assert report.broken_links == []


def test_accessibility(report):
    """axe-core finds no serious or critical accessibility violation."""
    assert report.serious_axe == [], "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}), {v['count']} nodes, e.g. {v['nodes'][:3]}"
        for v in report.serious_axe)


def test_site_has_its_pages(site):
    """The discovery found the book: the root page and the appendices are there."""
    from conftest import site_pages

    pages = site_pages(site)
    assert "index.html" in pages
    assert any(p.endswith("execution.html") for p in pages)


@pytest.fixture(scope="module")
def widget_page(site):
    """The first page with saved widgets and math, else with widgets, else the root page."""
    return widget_page_of(site)


@pytest.fixture
def screenshots(browser_work, site, widget_page, scheme):
    """conftest.screenshot_job: the widget page visited in ``scheme`` (PageReport, screenshot saved), then
    opened afresh: (report, the page's data-theme, the background colours of its visible images)."""
    return browser_work.screenshots[scheme].result()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_and_dark_mode_figures(screenshots, widget_page, scheme):
    """Figures stay readable in both colour schemes: in dark mode every image in the text or in a cell
    output sits on a white background. Saves a screenshot to <site>/../screenshots/ to look at."""
    report, page_theme, backgrounds = screenshots
    assert report.page == widget_page
    assert report.console_errors == [] and report.blocked == []
    assert report.serious_axe == [], report.serious_axe  # colour contrast in this scheme too
    assert page_theme == scheme
    if scheme == "dark":
        assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}, backgrounds


def test_root_has_a_favicon(site):
    """Opening the site at its root redirect asks for /favicon.ico (the redirect page has no favicon link):
    the file is there, a real icon (tools/favicon.py, copied by html_extra_path)."""
    from PIL import Image

    with Image.open(site / "favicon.ico") as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
