"""Which files of a built site are pages, and which folders the build leaves out: the one list every tool reads.

Read by the post-processing (book/_ext/postprocess.py), the browser suite (tests/browser/conftest.py) and Lighthouse
(benchmarks/lighthouse.py). No Sphinx import, so that the tests and tools can use it on their own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# Folders of a built site that hold assets, not pages (Sphinx writes _static, _sources and _images).
NOT_PAGES = ("_static", "_sources", "_images")

# Source folders and files the build must not read; _config.yml's exclude_patterns must name each (checked when
# the build starts, postprocess.check_excludes). Jupyter Book adds patterns of its own, so the check is one-way.
SOURCE_EXCLUDES = ("_build", ".venv", "node_modules", "README.md", "benchmarks", "tests", "lab",
                   "**.ipynb_checkpoints", ".*", "**/.*")


def pages(site: Path) -> list[Path]:
    """Every HTML page of the site built into ``site``, sorted, without the asset folders (NOT_PAGES).

    A subfolder with a ``_static`` of its own is another build's site (a second language under ``zh_CN/``, say),
    whose own build processes and tests its pages: it is left out here.
    """
    found = []
    for folder, dirs, files in os.walk(site):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in NOT_PAGES and not (here / d / "_static").is_dir())
        found += [here / name for name in files if name.endswith(".html")]
    return sorted(found)


def relative_pages(site: Path) -> list[str]:
    """``pages(site)`` as POSIX paths relative to ``site``."""
    return [path.relative_to(site).as_posix() for path in pages(site)]


def missing_excludes(patterns: Iterable[str]) -> list[str]:
    """The entries of SOURCE_EXCLUDES that ``patterns`` (a build's exclude_patterns) lacks."""
    have = set(patterns)
    return [p for p in SOURCE_EXCLUDES if p not in have]
