"""Accessibility fixes to the HTML that Sphinx writes (axe-core findings, tests/browser/).

Loaded from _config.yml (``sphinx: local_extensions``). Theme markup is fixed by template overrides in
book/_templates/; this extension fixes what Sphinx's own HTML writer emits:

- Citations (the bibliography page): Sphinx 7 writes ``<div role="list" class="citation-list">`` around
  ``<div class="citation" role="doc-biblioentry">``. ``doc-biblioentry`` is deprecated (DPUB-ARIA 1.1) and
  not a list item, so axe-core reports aria-required-children (critical), aria-deprecated-role and
  aria-allowed-role. We make each entry a ``listitem``.
- The sidebar's collapsible table-of-contents entries (a chapter with sections, such as the lesson plans):
  the theme writes ``<details><summary>`` with only an icon inside, so the toggle has no name (axe-core:
  summary-name, serious). Once the pages are written we give each such ``<summary>`` an ``aria-label`` naming
  the entry it opens.
- A code cell tagged ``hide-cell`` or ``hide-input``: myst-nb writes ``<summary aria-label="Toggle hidden
  content">`` around the visible text "Show code cell content", so the accessible name does not contain the
  visible label (axe-core: label-content-name-mismatch, serious). The visible text names it, so the
  ``aria-label`` is dropped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.application import Sphinx

# the theme's toctree toggle: <a ...>Entry title</a><details><summary><span class="toctree-toggle" ...
TOGGLE = re.compile(r'(<a\b[^>]*>(?P<title>(?:(?!</a>).)*)</a>\s*<details(?:\s[^>]*)?>\s*)<summary>'
                    r'(?=\s*<span class="toctree-toggle")', re.S)


HIDDEN_CELL = '<summary aria-label="Toggle hidden content">'


def fix_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        body = context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if body and HIDDEN_CELL in body:
        context["body"] = body.replace(HIDDEN_CELL, "<summary>")


def _label(match: re.Match) -> str:
    title = html.unescape(re.sub(r"<[^>]+>", "", match.group("title"))).strip()
    return f'{match.group(1)}<summary aria-label="{html.escape(f"Show or hide the sections of {title}")}">'


def name_toc_toggles(app: Sphinx, exception) -> None:
    """Give every unnamed table-of-contents toggle an accessible name (see the module docstring)."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in outdir.rglob("*.html"):
        if path.relative_to(outdir).parts[0] in ("_static", "_sources", "_images"):
            continue
        text = path.read_text("utf-8")
        new = TOGGLE.sub(_label, text)
        if new != text:
            path.write_text(new, "utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", fix_body)
    app.connect("build-finished", name_toc_toggles, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
