"""Every point where book/ is coupled to a dependency's files or markup, checked when the build starts.

Each ``Point`` names the package (pinned to ``version`` exactly in requirements.txt and requirements.lock; the tests
check the three agree), what in book/ depends on it and what to update when it changes, and, where one can be made,
a check of the dependency's installed files. ``problems()`` runs them all: a package at another version, or a check
that fails, stops the build (postprocess.py) with the point's message. To upgrade: see CONTRIBUTING.md, "Upgrading
the theme".
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Check = Callable[[], "str | None"]


def _package_file(module: str, rel: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(module)
    return Path(spec.origin).parent / rel


def same_file(module: str, rel: str, sha256: str) -> Check:
    """The file is byte for byte the one book/ was written against."""
    def check() -> str | None:
        path = _package_file(module, rel)
        if not path.is_file():
            return f"{path} is gone"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return None if digest == sha256 else f"{path} changed (sha256 {digest}, was {sha256})"
    return check


def contains(module: str, rel: str, text: str, count: int | None = None) -> Check:
    """The file holds ``text`` (exactly ``count`` times, if given)."""
    def check() -> str | None:
        path = _package_file(module, rel)
        found = path.read_text("utf-8").count(text) if path.is_file() else 0
        ok = found == count if count is not None else found > 0
        return None if ok else f"{path} holds {text!r} {found} times, not {count or 'at least once'}"
    return check


@dataclass(frozen=True)
class Point:
    package: str
    version: str
    what: str  # what in book/ depends on the package
    update: str  # what to compare and update when the package changes
    check: Check | None = None


THEME = "pydata_sphinx_theme"
THEME_DIR = "theme/pydata_sphinx_theme/"
THEME_SCRIPT = "static/scripts/pydata-sphinx-theme.js"
# the theme's first pass over every scrollable block, which postprocess.lazy_scrollable replaces
EAGER_SCROLLABLE = ('new MutationObserver(t).observe(document.getElementById("main-content"),'
                    '{subtree:!0,childList:!0}),e()}')

POINTS = (
    Point("pydata-sphinx-theme", "0.17.1",
          "book/_templates/search-button-field.html copies the theme's components/search-button-field.html "
          "without its aria-label",
          "compare the two, carry the theme's change over, record the new sha256 here",
          same_file(THEME, THEME_DIR + "components/search-button-field.html",
                    "518dda81dd8cd06ab2268f86b25c8257189f237f1b71836afececaa511f40e69")),
    Point("pydata-sphinx-theme", "0.17.1",
          "book/_templates/theme-switcher.html copies the theme's components/theme-switcher.html without the "
          "icons' titles",
          "compare the two, carry the theme's change over, record the new sha256 here",
          same_file(THEME, THEME_DIR + "components/theme-switcher.html",
                    "a68d37b2ca353382855a2fb93363dd22d322c32bb9817d431cc41c01ae4929fe")),
    Point("pydata-sphinx-theme", "0.17.1",
          "rewrites.toc_toggle_names names the sidebar's <details><summary><span class=\"toctree-toggle\">",
          "check the theme's toctree markup (toctree.py) and the XPath in toc_toggle_names",
          contains(THEME, "toctree.py", '"class": "toctree-toggle"')),
    Point("pydata-sphinx-theme", "0.17.1",
          "rewrites.no_fontawesome_script drops scripts/fontawesome.js; stylesheets.ICON_FONT subsets the web "
          "fonts at vendor/fontawesome/webfonts/",
          "check that the theme's stylesheet still draws the icons from those fonts, and ICON_FONT's pattern",
          contains(THEME, THEME_DIR + "static/styles/pydata-sphinx-theme.css",
                   "../vendor/fontawesome/webfonts/fa-solid-900.woff2")),
    Point("pydata-sphinx-theme", "0.17.1",
          "postprocess.lazy_scrollable replaces the first pass over every scrollable block in the theme's "
          "minified script",
          "find the new first pass in the script and update EAGER_SCROLLABLE and postprocess.LAZY_SCROLLABLE",
          contains(THEME, THEME_DIR + THEME_SCRIPT, EAGER_SCROLLABLE, count=1)),
    Point("sphinx-book-theme", "1.3.0",
          "book/_static/book.css and fast.css style the theme's markup",
          "run the browser suite (axe-core, screenshots in light and dark mode) and fix what moved"),
    Point("sphinx", "7.4.7",
          "rewrites.defer_head_scripts inlines documentation_options.js; search_scripts_on_search_page; "
          "postprocess.refresh_static copies _static when Sphinx writes no page",
          "check those file names in the built pages' <head>"),
    Point("docutils", "0.21.2",
          "rewrites.citations_as_list_items changes the citations' role=\"doc-biblioentry\"",
          "check the bibliography page's markup (axe-core in the browser suite)",
          contains("docutils", "writers/_html_base.py", 'role="doc-biblioentry"')),
    Point("myst-nb", "1.4.0",
          "rewrites.hidden_cell_names drops aria-label=\"Toggle hidden content\"; frames_as_files reads the saved "
          "widget state",
          "check the hidden cells' <summary> and the widget-state <script> of a chapter page",
          contains("myst_nb", "sphinx_.py", '<summary aria-label="Toggle hidden content">')),
    Point("sphinx-thebe", "0.3.1",
          "rewrites.drop_thebe removes its THEBE_JS_URL script, sphinx-thebe.js/.css and text/x-thebe-config",
          "check what the new version writes into a page (the offline guard names any new URL)",
          contains("sphinx_thebe", "__init__.py", "THEBE_JS_URL")),
    Point("jupyter-book", "1.0.4.post1",
          "adds sphinx_thebe to every build (hence drop_thebe); writes the root index.html as a bare redirect "
          "(hence book/_extra/favicon.ico)",
          "check jupyter_book/config.py's default extensions",
          contains("jupyter_book", "config.py", '"sphinx_thebe"')),
    Point("fonttools", "4.68.0", "stylesheets.subset_icon_fonts uses fontTools.subset",
          "run tests/test_fast_pages.py"),
    Point("lxml", "6.1.3", "the one pass parses and writes every page with lxml.html",
          "run tests/test_fast_pages.py and the browser suite"),
)


def problems(points: tuple[Point, ...] = POINTS) -> list[str]:
    """One message per coupled point whose package is at another version or whose check fails."""
    out = []
    for point in points:
        try:
            installed = importlib.metadata.version(point.package)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
        found: list[str | None] = [] if installed == point.version else [f"it is {installed}"]
        try:
            found += [point.check()] if point.check is not None else []
        except (OSError, ModuleNotFoundError) as error:
            found.append(f"its files cannot be read ({error})")
        if any(found):
            what = "; ".join(f for f in found if f)
            out.append(f"{point.package} {point.version} is pinned in requirements.txt, but {what}: {point.what}; "
                       f"{point.update} (book/_ext/coupling.py), then set the version here and in requirements.txt")
    return out
