"""One stylesheet per page, without the rules no page uses, with an icon font cut to the icons shown.

Site-wide steps of the post-processing (postprocess.py), run once per build after every page has been rewritten:
``bundle_text`` concatenates a page's stylesheets, ``purge`` removes the rules that no page can use (PurgeCSS,
through node: purge_css.js) and ``subset_icon_fonts`` replaces Font Awesome's fonts by subsets. The CSS is handled
with regular expressions on CSS text (``@import``, ``url()``, icon rules), never on HTML.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;""")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")

PURGE_SCRIPT = Path(__file__).with_name("purge_css.js")
# Scripts whose class names can reach the page at run time, and so must keep their rules. Not scanned: the Font
# Awesome script (no page loads it, and it names every icon), the widget manager (3.6 MB; the classes it creates
# are kept by PURGE_SAFELIST instead) and RequireJS (it creates no element with a class).
NOT_SCANNED = ("scripts/fontawesome.js", "vendor/html-manager/", "vendor/requirejs/")
# Kept by prefix: the widget manager's classes, ours (sg-), and selectors of pseudo-classes only (``:focus-visible``,
# the theme's focus ring), in which PurgeCSS finds no class or element to look for.
PURGE_SAFELIST = (r"^widget-", r"^jupyter-", r"^jp-", r"^lm-", r"^p-Widget", r"^sg-", r"^:")
# coupling.py: the theme's Font Awesome fonts, as its stylesheet names them
ICON_FONT = re.compile(r'url\("(vendor/fontawesome/webfonts/(fa-[a-z]+-\d+))\.woff2"\)\s*format\("woff2"\)'
                       r'(?:\s*,\s*url\("[^"]*\.ttf"\)\s*format\("truetype"\))?')
ICON_RULE = re.compile(r'([^{}]*)\{[^{}]*?(?:content|--fa)\s*:\s*"\\(f[0-9a-f]{3})"')


def css_text(path: Path, static: Path) -> str:
    """A stylesheet's text with its @imports inlined and its url(...) paths made relative to ``static``."""
    text = path.read_text("utf-8")
    text = CSS_IMPORT.sub(lambda m: css_text((path.parent / m.group(1)).resolve(), static), text)

    def url(match: re.Match) -> str:
        ref = match.group(2)
        if re.match(r"^(?:[a-z]+:|/|#)", ref, re.I):
            return match.group(0)
        target = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
        return f'url("{os.path.relpath(target, static).replace(os.sep, "/")}")'

    text = SOURCE_MAP.sub("", text)  # the maps stay beside the original files
    return f"/* {path.relative_to(static).as_posix()} */\n" + CSS_URL.sub(url, text) + "\n"


def bundle_text(files: Iterable[Path], static: Path) -> str:
    """The stylesheets' texts in order (the cascade), as one stylesheet."""
    return "".join(css_text(f, static) for f in files)


def _node_modules() -> Path:
    """The node_modules folder with purgecss (``make vendor`` installs it), looked up from this file upwards: the
    student edition builds a copy of book/ under _build/."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "node_modules" / "purgecss" / "package.json").is_file():
            return folder / "node_modules"
    raise RuntimeError("postprocess: the npm package purgecss is missing; run `make vendor` (npm ci)")


def purge(css: str, pages: list[str], static: Path) -> str:
    """``css`` without the rules that none of ``pages`` (HTML texts) and no script under ``static`` can use."""
    files = [str(p) for p in sorted(static.rglob("*.js"))
             if not p.relative_to(static).as_posix().startswith(NOT_SCANNED)]
    request = json.dumps({"css": css, "pages": pages, "files": files, "safelist": list(PURGE_SAFELIST)})
    done = subprocess.run(["node", str(PURGE_SCRIPT)], input=request, capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(_node_modules())}, check=False)
    if done.returncode:
        raise RuntimeError(f"postprocess: purgecss failed: {done.stderr[-2000:]}")
    return done.stdout


def subset_icon_fonts(css: str, static: Path) -> str:
    """``css`` with each Font Awesome web font replaced by a subset holding only the icons its rules draw.

    The icons are the code points of the rules whose selector names a ``.fa`` class; each subset is written once
    (WOFF: fontTools, which matplotlib already needs, compresses it without brotli) from the font's TrueType file to
    ``_static/<font>-<hash>.woff``, the hash of the font and the icons.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    icons = sorted({int(m.group(2), 16) for m in ICON_RULE.finditer(css) if ".fa" in m.group(1)})

    def font(match: re.Match) -> str:
        source = static / (match.group(1) + ".ttf")
        if not source.is_file():
            return match.group(0)
        # named after the font and the icons, so that a later build with the same finds it made
        key = hashlib.sha256(source.read_bytes() + repr(icons).encode()).hexdigest()[:12]
        name = f"{match.group(2)}-{key}.woff"
        if not (static / name).exists():
            data = TTFont(str(source), recalcBBoxes=False, recalcTimestamp=False)
            options = subset.Options()
            options.layout_features, options.flavor = [], "woff"
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=icons)
            subsetter.subset(data)
            data.flavor = "woff"
            buffer = io.BytesIO()
            data.save(buffer, reorderTables=False)
            (static / name).write_bytes(buffer.getvalue())
        return f'url("{name}") format("woff")'

    return ICON_FONT.sub(font, css)


def write_once(static: Path, prefix: str, text: str) -> str:
    """Write ``text`` to ``static/<prefix>-<hash>.css`` unless it is there; return the file's name."""
    name = f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
    if not (static / name).exists():
        (static / name).write_text(text, "utf-8")
    return name


def remove_stale(static: Path, bundles: Iterable[str]) -> None:
    """Delete the bundles and icon-font subsets of earlier builds that none of ``bundles`` uses."""
    used = set(bundles)
    for name in list(used):
        used.update(re.findall(r'url\("(fa-[\w.-]+\.woff)"\)', (static / name).read_text("utf-8")))
    for stale in list(static.glob("bundle-*.css")) + list(static.glob("fa-*-*.woff")):
        if stale.name not in used:
            stale.unlink()
