"""The built site's post-processing: one pass over each page, on a parsed tree, then the site-wide steps.

Loaded from _config.yml (``sphinx: local_extensions: {postprocess: book/_ext}``). When the build starts it checks
_config.yml's exclude_patterns against site_layout.SOURCE_EXCLUDES, every coupled point of coupling.py and the
vendored files (offline_guard.missing_vendored); any problem stops the build with a message saying what to update.
When the HTML build finishes, ``process_site`` runs once over the build's output folder (a second language's build
runs it over its own folder):

1. the theme's script patch (``lazy_scrollable``, below), first, since PurgeCSS reads the scripts;
2. each page (site_layout.pages) is parsed once with lxml, rewritten by every function of rewrites.REWRITES in
   order, scanned by the offline guard (offline_guard.scan_tree) and written back only if it changed;
3. the stylesheet bundle: the pages' stylesheets in one file, pruned by PurgeCSS of the rules no page uses, with
   Font Awesome's fonts cut to the icons left (stylesheets.py); the pages link it, older bundles are deleted;
4. the offline guard's scan of every stylesheet under ``_static``.

A remote fetch or a rewrite's note fails the build (ExtensionError), with or without ``-W``. The same pass runs
outside Sphinx on a built folder, with rewrites left out by name (used to measure each one's gain):

    python book/_ext/postprocess.py _build/html [--skip frames_as_files,purge]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import coupling
import lxml.html
import offline_guard
import site_layout
import stylesheets
from rewrites import REWRITES, Page, relative_url

SITE_STEPS = ("lazy_scrollable", "purge", "subset_icon_fonts")  # the names --skip takes besides REWRITES'

# The theme's first pass over the scrollable blocks (coupling.EAGER_SCROLLABLE) asks every code block and output
# for its scroll size when the page is ready, to make the ones that scroll reachable by keyboard (tabIndex). That
# lays out the whole chapter at once, sections off screen included (which content-visibility had spared): about
# 200 ms here, four times that on a phone. Instead every block is reachable at once (tabIndex = 0, no layout) and
# the theme's own test sets the final value when the block comes into view. Its later passes are unchanged.
SCROLLABLE = ('["pre",".nboutput > .output_area",".cell_output > .output",".jp-RenderedHTMLCommon",'
              '".pst-scrollable-table-container"].join(", ")')
LAZY_SCROLLABLE = ('new MutationObserver(t).observe(document.getElementById("main-content"),'
                   '{subtree:!0,childList:!0}),(()=>{/* sg-lazy-scrollable: book/_ext/postprocess.py */'
                   'const o=new IntersectionObserver(es=>{for(const x of es)if(x.isIntersecting){o.unobserve(x.target);'
                   'const b=x.target;b.tabIndex=b.scrollWidth>b.clientWidth||b.scrollHeight>b.clientHeight?0:-1}});'
                   'document.querySelectorAll(' + SCROLLABLE + ').forEach(b=>{b.tabIndex=0;o.observe(b)})})()}')


def lazy_scrollable(static: Path) -> list[str]:
    """Patch the built copy of the theme's script (see LAZY_SCROLLABLE); a problem if it is not the one expected."""
    path = static / "scripts" / "pydata-sphinx-theme.js"
    text = path.read_text("utf-8") if path.is_file() else ""
    if not text or "sg-lazy-scrollable" in text:
        return []
    if text.count(coupling.EAGER_SCROLLABLE) != 1 or SCROLLABLE not in text:
        return [f"{path}: not the script LAZY_SCROLLABLE patches (pydata-sphinx-theme 0.17.1); see coupling.py"]
    path.write_text(text.replace(coupling.EAGER_SCROLLABLE, LAZY_SCROLLABLE), "utf-8")
    return []


def serialize(page: Page) -> str:
    return lxml.html.tostring(page.root, encoding="unicode", doctype="<!DOCTYPE html>") + "\n"


def process_site(site: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Post-process the site built into ``site`` (module docstring); return the problems found."""
    unknown = skip - set(REWRITES) - set(SITE_STEPS)
    if unknown:
        raise ValueError(f"skip: no rewrite or step named {', '.join(sorted(unknown))}")
    static = site / "_static"
    problems = [] if "lazy_scrollable" in skip else lazy_scrollable(static)
    before: dict[Path, str] = {}
    after: dict[Path, str] = {}
    bundles: dict[str, tuple[Path, ...]] = {}
    for path in site_layout.pages(site):
        before[path] = path.read_text("utf-8")
        page = Page(path, site, lxml.html.document_fromstring(before[path]))
        for name, rewrite in REWRITES.items():
            if name not in skip:
                rewrite(page)
        if page.stylesheets:
            bundles[page.head.xpath("link[@data-sg-bundle]")[0].get("href")] = page.stylesheets
        rel = path.relative_to(site).as_posix()
        problems += [f"{rel}: {note}" for note in page.notes]
        problems += [f"{rel} fetches {url} ({where}); vendor it under book/_static/ instead"
                     for where, url in offline_guard.scan_tree(page.root)]
        after[path] = serialize(page)
    names = {}
    for token, files in bundles.items():
        css = stylesheets.bundle_text(files, static)
        if "purge" not in skip:
            css = stylesheets.purge(css, list(after.values()), static)
        if "subset_icon_fonts" not in skip:
            css = stylesheets.subset_icon_fonts(css, static)
        names[token] = static / stylesheets.write_once(static, "bundle" if "purge" in skip else "bundle-pruned", css)
    for path, text in after.items():
        for token, bundle in names.items():
            text = text.replace(f'href="{token}"', f'href="{relative_url(bundle, path)}"', 1)
        if text != before[path]:
            path.write_text(text, "utf-8")
    stylesheets.remove_stale(static, [bundle.name for bundle in names.values()])
    problems += [f"{rel} fetches {url} ({where})" for rel, where, url in offline_guard.scan_stylesheets(site)]
    return problems


# ---------------------------------------------------------------------------------------------------------------
# Sphinx


def check_setup(app, config) -> None:
    """Stop before any work when _config.yml lacks an exclude pattern or a coupled dependency has moved."""
    from sphinx.errors import ExtensionError

    found = [f"_config.yml's exclude_patterns lacks {p!r} (book/_ext/site_layout.py, SOURCE_EXCLUDES)"
             for p in site_layout.missing_excludes(config.exclude_patterns)] + coupling.problems()
    if found:
        raise ExtensionError("postprocess:\n- " + "\n- ".join(found))


def check_vendored(app) -> None:
    from sphinx.errors import ExtensionError

    missing = offline_guard.missing_vendored(app.config, app.confdir) if app.builder.format == "html" else []
    if missing:
        raise ExtensionError("postprocess: vendored front-end files missing from html_static_path: "
                             + ", ".join(missing) + ". Run `make book` (or `make vendor`).")


def page_written(app, *args) -> None:
    app.sg_pages_written = True


def refresh_static(app) -> None:
    """Copy the static files even when no page was out of date: Sphinx then skips that step, and a change to
    book/_static/ alone (our CSS, the shim, newly vendored assets) would not reach the site."""
    if getattr(app, "sg_pages_written", False):
        return
    for entry in app.config.html_static_path:
        source = Path(app.confdir, entry)
        if source.is_dir():
            shutil.copytree(source, Path(app.outdir, "_static"), dirs_exist_ok=True)


def build_finished(app, exception) -> None:
    from sphinx.errors import ExtensionError
    from sphinx.util import logging

    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    refresh_static(app)
    start = time.perf_counter()
    problems = process_site(Path(app.outdir))
    logger = logging.getLogger(__name__)
    logger.info(f"postprocess: {len(site_layout.pages(Path(app.outdir)))} pages in {time.perf_counter() - start:.1f} s")
    for problem in problems:
        logger.error(f"postprocess: {problem}")
    if problems:
        raise ExtensionError(f"postprocess: {len(problems)} problem(s) in the built site (listed above); the site "
                             "must work offline and its rewrites must find the markup they fix")


def setup(app) -> dict:
    app.connect("config-inited", check_setup)
    app.connect("builder-inited", check_vendored)
    app.connect("html-page-context", page_written)
    # after the theme's own build-finished work (priority 500: pydata-sphinx-theme rewrites pygments.css then,
    # which the bundle must include as rewritten)
    app.connect("build-finished", build_finished, priority=600)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--skip", default="", help="comma-separated names of rewrites or site steps to leave out")
    args = parser.parse_args()
    start = time.perf_counter()
    found = process_site(args.site.resolve(), frozenset(filter(None, args.skip.split(","))))
    print("\n".join(found) or f"postprocess: done in {time.perf_counter() - start:.1f} s")
    sys.exit(1 if found else 0)
