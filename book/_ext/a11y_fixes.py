"""Accessibility fixes to the HTML that Sphinx writes (axe-core findings, tests/browser/).

Loaded from _config.yml (``sphinx: local_extensions``). Theme markup is fixed by template overrides in
book/_templates/; this extension fixes what Sphinx's own HTML writer emits:

- Citations (the bibliography page): Sphinx 7 writes ``<div role="list" class="citation-list">`` around
  ``<div class="citation" role="doc-biblioentry">``. ``doc-biblioentry`` is deprecated (DPUB-ARIA 1.1) and
  not a list item, so axe-core reports aria-required-children (critical), aria-deprecated-role and
  aria-allowed-role. We make each entry a ``listitem``.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def fix_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", fix_body)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
