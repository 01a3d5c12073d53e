"""Copy the front-end files the static site loads from node_modules/ into book/_static/vendor/.

`make book` runs this after `npm ci` (versions pinned by package-lock.json). Only the
files listed in ASSETS are copied. The result is generated, not committed (book/_static/vendor/ is in .gitignore);
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
# Keep each package's own layout: KaTeX's stylesheet finds its fonts relative to itself, and the
# widget manager finds its fonts next to embed-amd.js.
ASSETS = {
    "katex": ("katex", [
        # Math is typeset at build time (sphinxcontrib-katex, katex_prerender): readers need only the
        # stylesheet and its fonts (woff2, which every browser in use picks first). katex.min.js and the
        # auto-render script are loaded only where a widget shows math (widgets-offline-shim.js).
        "dist/katex.min.css",
        "dist/fonts/*.woff2",
        "dist/katex.min.js",
        "dist/contrib/auto-render.min.js",
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
    for package, _ in ASSETS.values():
        versions[package] = json.loads((NODE_MODULES / package / "package.json").read_text())["version"]
    (DEST / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n")
    print(f"vendor_assets: {len(pairs)} files, {total / 1e6:.1f} MB into {DEST.relative_to(ROOT)}/ "
          + ", ".join(f"{k}@{v}" for k, v in versions.items()))


if __name__ == "__main__":
    main()
