"""Copy the front-end files the static site loads from node_modules/ into book/_static/vendor/.

`make book` runs this after `npm ci` (versions pinned by package-lock.json). Only the
files listed in ASSETS are copied: MathJax's npm package is 24 MB, the pages need about
3 MB of it. The result is generated, not committed (book/_static/vendor/ is in .gitignore);
Sphinx copies it to _build/html/_static/vendor/.

    python3 tools/vendor_assets.py          # copy (replaces book/_static/vendor/)
    python3 tools/vendor_assets.py --list   # show what would be copied, with sizes

Standard library only, so it runs with any Python 3.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
DEST = ROOT / "book" / "_static" / "vendor"

# destination folder (under DEST) -> (package folder under node_modules, its files to copy: globs).
# Keep each package's own layout: MathJax finds its fonts and lazily loaded parts relative to
# the script it was loaded from, and the widget manager finds its fonts next to embed-amd.js.
ASSETS = {
    "mathjax": ("mathjax", [
        # TeX input with every TeX extension built in (so nothing is autoloaded), CommonHTML output,
        # the context menu and assistive MathML. 1.3 MB; tex-chtml.js (1.2 MB) would autoload extensions
        # such as \boldsymbol's from es5/input/tex/extensions/ on demand.
        "es5/tex-chtml-full.js",
        # CommonHTML's fonts (MathJax 3.2 ships them as .woff in a folder named woff-v2).
        "es5/output/chtml/fonts/woff-v2/*.woff",
        # Loaded only when a reader turns on an option in MathJax's menu (Accessibility > Explorer,
        # speech, "Show math as" ...): the explorer, semantic enrichment and the English speech rules.
        "es5/a11y/*.js",
        "es5/ui/safe.js",
        "es5/sre/mathmaps/base.json",
        "es5/sre/mathmaps/en.json",
        "es5/sre/mathmaps/nemeth.json",
        "LICENSE",
    ]),
    "requirejs": ("requirejs", ["require.js", "package.json"]),
    "html-manager": ("@jupyter-widgets/html-manager", [
        # The widget manager for pages with saved widget state (AMD build, needs require.js).
        "dist/embed-amd.js",
        # Font Awesome, which its CSS references relative to the script (woff2 is the format
        # browsers pick first; the .eot/.ttf/.svg copies are for browsers nobody runs any more).
        "dist/*.woff2",
        "dist/embed.js.LICENSE.txt",
    ]),
}


def files() -> list[tuple[Path, Path]]:
    """(source, destination) pairs for every file to copy; fails if a package or a file is missing."""
    pairs = []
    for dest, (package, patterns) in ASSETS.items():
        base = NODE_MODULES / package
        if not base.is_dir():
            sys.exit(f"vendor_assets: {base.relative_to(ROOT)} is missing: run `npm ci` (or `make vendor`)")
        for pattern in patterns:
            found = sorted(base.glob(pattern))
            if not found:
                sys.exit(f"vendor_assets: nothing matches {package}/{pattern}")
            for source in found:
                # drop the package's leading build folder (es5/, dist/) from the destination path
                rel = source.relative_to(base)
                if rel.parts[0] in ("es5", "dist"):
                    rel = Path(*rel.parts[1:])
                pairs.append((source, DEST / dest / rel))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the files and their sizes, copy nothing")
    args = parser.parse_args()
    pairs = files()
    total = sum(source.stat().st_size for source, _ in pairs)
    if args.list:
        for source, target in pairs:
            print(f"{source.stat().st_size:>10,}  {target.relative_to(ROOT)}")
        print(f"{total:>10,}  total, {len(pairs)} files")
        return
    if DEST.exists():
        shutil.rmtree(DEST)
    for source, target in pairs:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    versions = {}
    for dest, (package, _) in ASSETS.items():
        versions[package] = json.loads((NODE_MODULES / package / "package.json").read_text())["version"]
    (DEST / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n")
    print(f"vendor_assets: {len(pairs)} files, {total / 1e6:.1f} MB into {DEST.relative_to(ROOT)}/ "
          + ", ".join(f"{k}@{v}" for k, v in versions.items()))


if __name__ == "__main__":
    main()
