"""Lighter pages for phones: what the built HTML no longer makes a reader's browser download or run.

Loaded from _config.yml (``sphinx: local_extensions: {fast_pages: book/_ext}``). Measured with Lighthouse's
mobile profile (benchmarks/lighthouse.py, ``make bench``); guarded by tests/browser/test_performance.py. The
other means are configuration: math is typeset at build time by sphinxcontrib-katex (``katex_prerender``),
and the ipywidgets manager is loaded only near an explorer (book/_static/widgets-lazy.js).

When the build finishes, every page this build wrote is rewritten in place (idempotently):

1. **No Font Awesome JavaScript.** The theme loads ``scripts/fontawesome.js`` (1.5 MB) on every page to turn
   its few icons into inline SVG. Its stylesheet already draws the same icons from Font Awesome's web font
   (``.fa-bars:before {content: ...}``), so the script is dropped and the icons stay.
2. **Scripts that do not block the first paint.** Sphinx writes its scripts into ``<head>`` without ``defer``, so
   the browser stops drawing the page until each has arrived and run. Every external script there gets
   ``defer`` (deferred scripts still run in document order, after the page is parsed), except
   ``documentation_options.js``, which the page's inline scripts use at once: its few lines are written into
   the page instead, which saves a request that would block the first paint. The search scripts and the
   search index (``searchtools.js``, ``language_data.js``, ``searchindex.js``, which grows with the book) are
   kept only on ``search.html``, the one page that searches; the search box elsewhere is a form that opens it.
3. **One stylesheet instead of fourteen.** The theme and the extensions link about fourteen stylesheets, each a
   render-blocking request: on a slow connection the waits for them add up before the first paint. The
   stylesheets a page links (in order, with their ``@import`` inlined and their ``url(...)`` paths rewritten) are
   written once to ``_static/bundle-<hash>.css``, and the page links that one file instead.
4. **Explorer frames as files, fetched when shown.** An explorer stores one PNG per position of its main slider
   in the page's saved widget state, as base64 inside the HTML: up to a megabyte that every visit downloads
   before the first paint, although a reader sees one frame at a time and only after scrolling to it. Each
   frame is written once to ``_images/wf-<hash>.png`` and the saved state points at that file (a relative
   URL, so the site still works from disk) with ``loading="lazy"``: the browser fetches a frame when the
   widget manager shows it. A frame that is a ``<picture>`` (a narrow figure for phones in its ``<source
   srcset>``, the wide one in its ``<img>``, see soe_grassroots.widgets) has both files written; the browser
   fetches only the one its screen selects, so a phone downloads the narrow frames and a desktop the wide.
5. **Math fonts requested with the stylesheet.** A paragraph with a formula is painted only once KaTeX's fonts
   have arrived, and the browser discovers them only after the stylesheet has: pages with math preload the two
   fonts nearly every formula uses (``KaTeX_Main-Regular``, ``KaTeX_Math-Italic``).
6. **Images that do not shift the page and load when needed.** Every ``<img>`` of a local file gets its
   ``width`` and ``height`` (read from the file, so the browser reserves the space before it arrives) and
   ``decoding="async"``; all but the first image of a page also get ``loading="lazy"``.
7. **Only the style rules a page can use.** The theme's stylesheet carries all of Bootstrap and all of Font
   Awesome's two thousand icons: the bundle was about 97 KB gzipped, downloaded before the first paint. When the
   pages are written, PurgeCSS (npm, pinned; ``purge_css.js``) removes every rule whose classes, ids or
   elements occur in no page of the site and in no script that can add them at run time (the widget manager's
   classes are kept by prefix, see ``PURGE_SAFELIST``), and every ``@font-face`` no remaining rule uses.
   Every page links the pruned bundle ``_static/bundle-pruned-<hash>.css``; the full one is deleted.
8. **An icon font with the icons the site shows.** Font Awesome's solid font (156 KB) is fetched by every page
   for its dozen header icons. The bundle's icon fonts are replaced by subsets with only the code points of
   the icon rules left after 7 (a few KB), written to ``_static/fa-<style>-<hash>.woff``.
9. **No early fetch of the theme's scripts.** The theme preloads its two scripts in ``<head>``, at high
   priority, where they compete with the stylesheet and the page's fonts; they are deferred scripts at the
   end of the page anyway, so the preload hints are dropped.
10. **No look at every code block while the page loads.** When the page is ready, the theme's script asks every
   code block and output for its scroll size, to make the ones that scroll reachable by keyboard
   (``tabIndex``). The question forces the browser to lay out the whole chapter at once, sections off screen
   included (which ``content-visibility`` had spared), a task of about 200 ms on this machine and four times that
   on a phone. In ``_static/scripts/pydata-sphinx-theme.js`` that first pass is replaced (``LAZY_SCROLLABLE``):
   every such block is made reachable at once (``tabIndex = 0``, which needs no layout), and the theme's own
   test sets the final value when the block comes into view. The theme's later passes (on resize, and when an
   explorer is drawn) are unchanged. The theme is pinned in the lock; if its script changes, the build stops
   with an error saying so.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import struct
import subprocess
from pathlib import Path

from sphinx.application import Sphinx

SEARCH_ONLY = re.compile(r'\s*<script[^>]*src="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)[^"]*"'
                         r'[^>]*>\s*</script>')
HEAD_SCRIPT = re.compile(r'<script(?P<attrs>[^>]*\bsrc="(?P<src>[^"]+)"[^>]*)>')
KEEP_SYNC = ("documentation_options.js",)
SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*"\s*/?>')
FONTAWESOME = re.compile(r'\s*<script[^>]*src="[^"]*scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>')
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SCRIPT_BLOCK = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG file from its header, or None for another format."""
    with open(path, "rb") as handle:
        head = handle.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def _image_size(page: Path, src: str) -> tuple[int, int] | None:
    if src.startswith(("data:", "http:", "https:", "//")):
        return None
    path = (page.parent / src.split("?")[0].split("#")[0]).resolve()
    if path.suffix.lower() == ".png" and path.is_file():
        return png_size(path)
    if path.suffix.lower() == ".svg" and path.is_file():
        text = path.read_text("utf-8", "replace")[:2000]
        box = re.search(r'viewBox="[\d.\s-]+?\s([\d.]+)\s+([\d.]+)"', text)
        return (round(float(box.group(1))), round(float(box.group(2)))) if box else None
    return None


# an <img> of a frame inside the saved widget state: JSON-escaped HTML, so its quotes are \"
STATE_BLOCK = re.compile(r'(<script type="application/vnd\.jupyter\.widget-state\+json">)(.*?)(</script>)', re.S)
FRAME = re.compile(r'\b(src|srcset)=\\"data:image/png;base64,([A-Za-z0-9+/=]+)\\"')


def externalize_frames(html: str, page: Path, outdir: Path) -> str:
    """Move the base64 PNG frames of the saved widget state to ``_images/`` (see the module docstring)."""
    images = outdir / "_images"
    prefix = os.path.relpath(images, page.parent).replace(os.sep, "/")

    def frame(match: re.Match) -> str:
        data = base64.b64decode(match.group(2))
        name = f"wf-{hashlib.sha256(data).hexdigest()[:20]}.png"
        target = images / name
        if not target.exists():
            images.mkdir(exist_ok=True)
            target.write_bytes(data)
        if match.group(1) == "srcset":  # a <picture>'s narrow frame: its <img> carries loading="lazy"
            return f'srcset=\\"{prefix}/{name}\\"'
        return f'src=\\"{prefix}/{name}\\" loading=\\"lazy\\"'

    return STATE_BLOCK.sub(lambda m: m.group(1) + FRAME.sub(frame, m.group(2)) + m.group(3), html)


STYLESHEET = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="([^"]+)"[^>]*/?>\s*', re.I)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;""")


def _css_text(path: Path, static: Path) -> str:
    """A stylesheet's text with its @imports inlined and its url(...) paths relative to ``static``."""
    text = path.read_text("utf-8")
    text = CSS_IMPORT.sub(lambda m: _css_text((path.parent / m.group(1)).resolve(), static), text)

    def url(match: re.Match) -> str:
        ref = match.group(2)
        if re.match(r"^(?:[a-z]+:|/|#)", ref, re.I):
            return match.group(0)
        target = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
        return f'url("{os.path.relpath(target, static).replace(os.sep, "/")}")'

    text = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", text)  # the maps stay beside the original files
    return f"/* {path.relative_to(static).as_posix()} */\n" + CSS_URL.sub(url, text) + "\n"


BUNDLED = re.compile(r'<link rel="stylesheet" href="[^"]*" data-sg-bundle="([^"]*)" />')


KATEX_FONTS = ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2")


def preload_math_fonts(html: str, page: Path, outdir: Path) -> str:
    """Preload KaTeX's two main fonts on pages with typeset math (see the module docstring)."""
    head_end = html.find("</head>")
    fonts = outdir / "_static" / "vendor" / "katex" / "fonts"
    if 'class="katex"' not in html or "sg-preload-font" in html[:head_end] or not fonts.is_dir():
        return html
    tags = "".join(f'<link rel="preload" class="sg-preload-font" as="font" type="font/woff2" crossorigin '
                   f'href="{os.path.relpath(fonts / name, page.parent).replace(os.sep, "/")}" />\n'
                   for name in KATEX_FONTS if (fonts / name).is_file())
    return html[:head_end] + tags + html[head_end:]


def bundle_stylesheets(html: str, page: Path, outdir: Path) -> str:
    """Replace the stylesheets linked in the page's <head> by one bundle (see the module docstring).

    The bundle's link keeps the original links in ``data-sg-bundle``, so that a later build, which may leave
    this page as it is, makes the bundle again from the stylesheets as they are then (no stale styles).
    """
    head_end = html.find("</head>")
    static = outdir / "_static"
    done = BUNDLED.search(html, 0, head_end)
    if done:
        hrefs, start, end, between = done.group(1).split(), done.start(), done.end(), ""
    else:
        links = list(STYLESHEET.finditer(html, 0, head_end))
        if len(links) < 2:
            return html
        hrefs = [m.group(1) for m in links]
        start, end = links[0].start(), links[-1].end()
        between = "".join(html[a.end():b.start()] for a, b in zip(links, links[1:]))
    files = [(page.parent / h.split("?")[0]).resolve() for h in hrefs]
    if not all(f.is_file() and static in f.parents for f in files):
        return html
    text = "".join(_css_text(f, static) for f in files)
    name = f"bundle-{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
    if not (static / name).exists():
        (static / name).write_text(text, "utf-8")
    href = os.path.relpath(static / name, page.parent).replace(os.sep, "/")
    tag = f'<link rel="stylesheet" href="{href}" data-sg-bundle="{" ".join(hrefs)}" />'
    return html[:start] + tag + ("\n" + between if between.strip() else "") + html[end:]


def _defer(match: re.Match) -> str:
    attrs, src = match.group("attrs"), match.group("src")
    if re.search(r"\b(defer|async)\b", attrs) or 'type="module"' in attrs or any(k in src for k in KEEP_SYNC):
        return match.group(0)
    return f"<script defer{attrs}>"


def _inline_options(match: re.Match, page: Path) -> str:
    path = (page.parent / match.group(1).split("?")[0]).resolve()
    if not path.is_file():
        return match.group(0)
    return "<script>" + path.read_text("utf-8").strip() + "</script>"


DOC_OPTIONS = re.compile(r'<script src="([^"]*documentation_options\.js[^"]*)"></script>')


def rewrite(html: str, page: Path) -> str:
    """The page with the changes of the module docstring (a second call changes nothing)."""
    html = FONTAWESOME.sub("", html)
    html = SCRIPT_PRELOAD.sub("", html)
    html = DOC_OPTIONS.sub(lambda m: _inline_options(m, page), html, count=1)
    if page.name != "search.html":
        html = SEARCH_ONLY.sub("", html)
    head_end = html.find("</head>")
    if head_end > 0:
        html = HEAD_SCRIPT.sub(_defer, html[:head_end]) + html[head_end:]
    count = 0

    def image(match: re.Match) -> str:
        nonlocal count
        tag = match.group(0)
        src = re.search(r'\bsrc="([^"]+)"', tag)
        if not src or src.group(1).startswith("data:"):
            return tag
        count += 1
        extra = []
        if " decoding=" not in tag:
            extra.append('decoding="async"')
        if count > 1 and " loading=" not in tag:
            extra.append('loading="lazy"')
        size = _image_size(page, src.group(1)) if " width=" not in tag else None
        if size:
            extra.append(f'width="{size[0]}" height="{size[1]}"')
        if not extra:
            return tag
        if tag.endswith("/>"):
            return tag[:-2].rstrip() + " " + " ".join(extra) + " />"
        return tag[:-1].rstrip() + " " + " ".join(extra) + ">"

    # images outside <script> blocks only (saved widget state holds HTML of its own, as JSON)
    parts = SCRIPT_BLOCK.split(html)
    blocks = SCRIPT_BLOCK.findall(html)
    out = [IMG.sub(image, parts[0])]
    for block, part in zip(blocks, parts[1:]):
        out += [block, IMG.sub(image, part)]
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------
# 7. and 8.: the bundle without the rules no page uses, and the icon font without the icons no page shows

PURGE_SCRIPT = Path(__file__).with_name("purge_css.js")
# Scripts whose class names can reach the page at run time, and so must keep their rules. Not scanned: the
# Font Awesome script (no page loads it, and it names every icon), the widget manager (3.6 MB; the classes
# it creates are kept by PURGE_SAFELIST instead) and RequireJS (it creates no element with a class).
NOT_SCANNED = ("scripts/fontawesome.js", "vendor/html-manager/", "vendor/requirejs/")
# The second pattern keeps selectors made of pseudo-classes only (``:focus-visible``, the theme's focus ring),
# which PurgeCSS would otherwise drop, as it finds no class or element in them to look for.
PURGE_SAFELIST = (r"^widget-", r"^jupyter-", r"^jp-", r"^lm-", r"^p-Widget", r"^sg-", r"^:")
ICON_FONT = re.compile(r'url\("(vendor/fontawesome/webfonts/(fa-[a-z]+-\d+))\.woff2"\)\s*format\("woff2"\)'
                       r'(?:\s*,\s*url\("[^"]*\.ttf"\)\s*format\("truetype"\))?')
ICON_RULE = re.compile(r'([^{}]*)\{[^{}]*?(?:content|--fa)\s*:\s*"\\(f[0-9a-f]{3})"')


def _purgecss() -> Path | None:
    """The purgecss package of the checkout's node_modules (``make vendor`` installs it), or None."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "node_modules" / "purgecss" / "package.json").is_file():
            return folder / "node_modules"
    return None


def purge_bundle(bundle: Path, outdir: Path, pages: list[Path]) -> str:
    """The bundle's text without the rules that no page of ``pages`` and no script they load can use."""
    static = outdir / "_static"
    content = [str(p) for p in pages]
    content += [str(p) for p in sorted(static.rglob("*.js"))
                if not p.relative_to(static).as_posix().startswith(NOT_SCANNED)]
    modules = _purgecss()
    if modules is None:
        raise RuntimeError("fast_pages: the npm package purgecss is missing; run `make vendor` (npm ci)")
    request = json.dumps({"css": str(bundle), "content": content, "safelist": list(PURGE_SAFELIST)})
    done = subprocess.run(["node", str(PURGE_SCRIPT)], input=request, capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(modules)}, check=False)
    if done.returncode:
        raise RuntimeError(f"fast_pages: purgecss failed on {bundle.name}: {done.stderr[-2000:]}")
    return done.stdout


def subset_icon_fonts(css: str, static: Path) -> str:
    """The stylesheet with each Font Awesome web font replaced by a subset holding only the icons it draws.

    The icons are the code points of the rules left in ``css`` whose selector names a ``.fa`` class; each
    subset is written once to ``_static/<font>-<hash>.woff`` (WOFF: fontTools, which matplotlib already
    needs, compresses it without brotli) from the font's TrueType file.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    icons = sorted({int(m.group(2), 16) for m in ICON_RULE.finditer(css) if ".fa" in m.group(1)})

    def font(match: re.Match) -> str:
        source = static / (match.group(1) + ".ttf")
        if not source.is_file():
            return match.group(0)
        data = TTFont(str(source), recalcBBoxes=False, recalcTimestamp=False)
        options = subset.Options()
        options.layout_features, options.flavor = [], "woff"
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=icons)
        subsetter.subset(data)
        data.flavor = "woff"
        buffer = io.BytesIO()
        data.save(buffer, reorderTables=False)
        name = f"{match.group(2)}-{hashlib.sha256(buffer.getvalue()).hexdigest()[:12]}.woff"
        if not (static / name).exists():
            (static / name).write_bytes(buffer.getvalue())
        return f'url("{name}") format("woff")'

    return ICON_FONT.sub(font, css)


def prune_bundles(outdir: Path, pages: list[Path]) -> None:
    """Point every page at its bundle pruned (7) with its icon font subset (8); delete what no page uses."""
    static = outdir / "_static"
    pruned: dict[Path, str] = {}
    used: set[str] = set()  # the bundles the pages link, then the fonts those bundles name
    for page in pages:
        html = page.read_text("utf-8")
        link = BUNDLED.search(html, 0, html.find("</head>"))
        if not link:
            continue
        href = re.search(r'href="([^"]*)"', link.group(0)).group(1)
        full = (page.parent / href).resolve()
        if full.name.startswith("bundle-pruned-"):  # bundle_stylesheets left the page as it was (its sources
            used.add(full.name)                     # are gone): it keeps the bundle an earlier build pruned
            continue
        if full not in pruned:
            text = subset_icon_fonts(purge_bundle(full, outdir, pages), static)
            pruned[full] = f"bundle-pruned-{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
            if not (static / pruned[full]).exists():
                (static / pruned[full]).write_text(text, "utf-8")
        used.add(pruned[full])
        new_href = os.path.relpath(static / pruned[full], page.parent).replace(os.sep, "/")
        page.write_text(html.replace(f'href="{href}"', f'href="{new_href}"', 1), "utf-8")
    for name in list(used):
        used.update(re.findall(r'url\("(fa-[\w.-]+\.woff)"\)', (static / name).read_text("utf-8")))
    for stale in list(static.glob("bundle-*.css")) + list(static.glob("fa-*-*.woff")):
        if stale.name not in used:
            stale.unlink()


THEME_SCRIPT = Path("scripts") / "pydata-sphinx-theme.js"
SCROLLABLE = ('["pre",".nboutput > .output_area",".cell_output > .output",".jp-RenderedHTMLCommon",'
              '".pst-scrollable-table-container"].join(", ")')
# the theme's first pass (pydata-sphinx-theme 0.17.1): its function e checks every block at once
EAGER_SCROLLABLE = ('new MutationObserver(t).observe(document.getElementById("main-content"),'
                    '{subtree:!0,childList:!0}),e()}')
LAZY_SCROLLABLE = ('new MutationObserver(t).observe(document.getElementById("main-content"),'
                   '{subtree:!0,childList:!0}),(()=>{/* sg-lazy-scrollable: book/_ext/fast_pages.py */'
                   'const o=new IntersectionObserver(es=>{for(const x of es)if(x.isIntersecting){o.unobserve(x.target);'
                   'const b=x.target;b.tabIndex=b.scrollWidth>b.clientWidth||b.scrollHeight>b.clientHeight?0:-1}});'
                   'document.querySelectorAll(' + SCROLLABLE + ').forEach(b=>{b.tabIndex=0;o.observe(b)})})()}')


def lazy_scrollable_check(static: Path) -> None:
    """Replace the theme's first check of every scrollable block by one per block in view (10., above)."""
    path = static / THEME_SCRIPT
    if not path.is_file():
        return
    text = path.read_text("utf-8")
    if "sg-lazy-scrollable" in text:
        return
    if text.count(EAGER_SCROLLABLE) != 1 or SCROLLABLE not in text:
        raise RuntimeError(f"fast_pages: {THEME_SCRIPT} is not the script of pydata-sphinx-theme 0.17.1 that "
                           "LAZY_SCROLLABLE patches; check the new theme's first pass and update the patch")
    path.write_text(text.replace(EAGER_SCROLLABLE, LAZY_SCROLLABLE), "utf-8")


def rewrite_site(app: Sphinx, exception) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = [path for path in sorted(outdir.rglob("*.html"))
             if path.relative_to(outdir).parts[0] not in ("_static", "_sources", "_images")]
    for path in pages:
        text = path.read_text("utf-8")
        new = externalize_frames(rewrite(text, path), path, outdir)
        new = preload_math_fonts(bundle_stylesheets(new, path, outdir), path, outdir)
        if new != text:
            path.write_text(new, "utf-8")
    prune_bundles(outdir, pages)
    lazy_scrollable_check(outdir / "_static")


def setup(app: Sphinx) -> dict:
    # after the theme's own build-finished work (priority 500: pydata-sphinx-theme rewrites pygments.css
    # then, which the bundle must include as rewritten) and before offline_guard's scan (700)
    app.connect("build-finished", rewrite_site, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
