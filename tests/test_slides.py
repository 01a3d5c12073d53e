"""Slide decks for the projector (`make slides`, tools/slides.py; README, "For instructors").

The decks are made from the stored notebooks. These tests check what nbconvert cannot: that MyST markup is
turned into plain Markdown with the glued numbers filled in and the solutions left out, that the slide
metadata rule does what its docstring says, and that every chapter of the table of contents carries enough
slide metadata for a deck. The decks themselves are opened in Chromium by tests/browser/test_editions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402

CITES = slides.citations(ROOT / "book" / "references.bib")
GLUE = {"nash_pm": {"text/plain": "2.6666666666666665"}, "frac": {"text/plain": "'8/9'"},
        "half": {"text/plain": "1/2", "text/latex": "$\\displaystyle \\frac{1}{2}$"}}


def test_glued_numbers_are_filled_in_with_their_format():
    text = "m = {glue:text}`nash_pm:.2f`, ratio {glue:text}`frac`, {glue:math}`half`."
    assert slides.myst_to_markdown(text, GLUE, CITES) == "m = 2.67, ratio 8/9, $\\displaystyle \\frac{1}{2}$."


def test_a_missing_glue_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match="nope"):
        slides.myst_to_markdown("{glue:text}`nope`", GLUE, CITES)


def test_roles_become_their_text():
    text = "A {term}`Nash equilibrium`, a {term}`reply <best response>`, see {ref}`the model <ch-model>`."
    assert slides.myst_to_markdown(text, GLUE, CITES) == "A Nash equilibrium, a reply, see the model."


def test_citations_name_authors_and_year():
    assert CITES["lin2025"][1] == "2025"
    out = slides.myst_to_markdown("As {cite:t}`lin2025` show {cite:p}`lin2025`.", GLUE, CITES)
    assert out == f"As {CITES['lin2025'][0]} (2025) show ({CITES['lin2025'][0]}, 2025)."
    assert "{" not in out


def test_boxes_become_titled_quotes_and_solutions_disappear():
    text = ("(sec-x)=\n## Heading\n\n```{prf:definition} Best response\n:label: def-br\n\nThe best reply.\n```\n\n"
            "```{exercise}\n:label: ex-1\n\nCompute it.\n```\n\n```{solution} ex-1\n:class: dropdown\n\n"
            "The answer is 42.\n```\n")
    out = slides.myst_to_markdown(text, GLUE, CITES)
    assert "(sec-x)=" not in out and ":label:" not in out
    assert "> **Definition (Best response).** The best reply." in out
    assert "> **Exercise.** Compute it." in out
    assert "42" not in out


def test_labelled_display_math_loses_its_label():
    assert slides.myst_to_markdown("$$\nP = h\n$$ (eq-price)", GLUE, CITES) == "$$\nP = h\n$$"


def test_mark_follows_the_rule_and_keeps_authors_choices():
    cells = [nbformat.v4.new_markdown_cell("(ch-x)=\n# Title"),
             nbformat.v4.new_markdown_cell("## Section\ntext"),
             nbformat.v4.new_markdown_cell("### Sub"),
             nbformat.v4.new_markdown_cell("plain"),
             nbformat.v4.new_markdown_cell("```{solution} ex-1\nanswer\n```"),
             nbformat.v4.new_code_cell("assert True", metadata={"tags": ["remove-input"]}),
             nbformat.v4.new_code_cell("x = 1"),
             nbformat.v4.new_markdown_cell("## Chosen", metadata={"slideshow": {"slide_type": "notes"}})]
    nb = nbformat.v4.new_notebook(cells=cells)
    assert slides.mark(nb) == 7
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert kinds == ["slide", "slide", "subslide", "-", "skip", "skip", "-", "notes"]
    assert slides.mark(nb) == 0


@pytest.mark.parametrize("path", slides.chapters(), ids=lambda p: p.stem)
def test_every_chapter_has_a_deck_of_at_least_six_slides(path):
    """`make slides` refuses a chapter with fewer than six slides: the metadata is stored on the cells."""
    nb = nbformat.read(path, as_version=4)
    assert slides.count_slides(nb) >= slides.MIN_SLIDES, (
        f"{path.name}: {slides.count_slides(nb)} slides; run python tools/slides.py --mark {path.relative_to(ROOT)}")


def test_markdown_and_math_glue_are_pasted_as_such():
    glue = {"md": {"text/plain": "<IPython.core.display.Markdown object>", "text/markdown": "$\\tfrac{7}{16}$"},
            "eq": {"text/plain": "Eq(d, 1/2)", "text/latex": "$\\displaystyle \\delta = \\frac{1}{2}$"}}
    source = "lose {glue:md}`md:myst` of it\n\n```{glue:math} eq\n:label: eq-x\n```\n"
    out = slides.myst_to_markdown(source, glue, CITES)
    assert out == "lose $\\tfrac{7}{16}$ of it\n\n$$\\displaystyle \\delta = \\frac{1}{2}$$\n"


def test_decks_keep_only_the_wide_explorer_frames():
    """A deck is for the projector: the explorers' phone frames (<source> in each frame's <picture>) are removed
    from the widget state, the wide <img> frames stay."""
    nb = nbformat.read(ROOT / "book" / "repeated.ipynb", as_version=4)
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    before = sum(str(m["state"].get("value", "")).count("<img") for m in state.values())
    assert slides.drop_phone_frames(nb) > 0
    values = [str(m["state"].get("value", "")) for m in state.values()]
    assert not any("<source" in v for v in values)
    assert sum(v.count("<img") for v in values) == before > 0
