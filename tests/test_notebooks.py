"""What every chapter notebook promises its reader, checked on the stored notebooks (issue "Teach the game from
zero, and make every chapter honest and lean").

- Every number the prose quotes through myst-nb's glue has a glued value in the same notebook's stored outputs:
  a missing key fails here, before the build (where it is a warning that ``-W`` turns into an error).
- No test plumbing is visible: a cell that exists for nbval (``# NBVAL_CHECK_OUTPUT``, ``assert``) is tagged
  ``remove-input`` or ``remove-cell``.
- Every ``{term}`` link names a term of the glossary page.
- Every chapter has at least four exercises, each with a worked solution, collapsed (``:class: dropdown``).
- Every notebook's stored outputs are current: the site is built from them (``execute_notebooks: "off"``), so a
  notebook whose code, package or output-shaping pins changed since ``tools/run_notebooks.py`` last executed it
  fails here (its fingerprint, see that script).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import run_notebooks  # noqa: E402

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
CHAPTERS = [p for p in NOTEBOOKS if p.stem not in ("experiment_students", "experiment_results", "errata")]
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)(?::[^`]*)?`")
GLUE_DIRECTIVE = re.compile(r"^(?:```+|:::+)\{glue(?::\w+)?\}\s+(\S+)", re.M)
TERM = re.compile(r"\{term\}`(?:[^`<]*<([^>]+)>|([^`]+))`")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["cells"]


def markdown(path: Path) -> str:
    return "\n".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "markdown")


def glued_keys(path: Path) -> set[str]:
    keys = set()
    for cell in cells(path):
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                keys.add(record["name"])
    return keys


def glossary_terms() -> set[str]:
    text = (ROOT / "book" / "glossary.md").read_text("utf-8")
    body = text[text.index("```{glossary}"):]
    return {line.strip().lower() for line in body.splitlines()
            if line and not line.startswith((" ", "`", ":")) and line.strip()}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_glued_number_has_a_value(path):
    used = set(GLUE_ROLE.findall(markdown(path))) | set(GLUE_DIRECTIVE.findall(markdown(path)))
    missing = sorted(used - glued_keys(path))
    assert missing == [], f"{path.name}: glue keys used in the text but not glued by any cell: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_test_plumbing_is_visible(path):
    shown = []
    for i, cell in enumerate(cells(path)):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        tags = set(cell.get("metadata", {}).get("tags", []))
        if ("NBVAL" in source or re.search(r"^\s*assert\b", source, re.M)) and not tags & {"remove-input",
                                                                                             "remove-cell"}:
            shown.append(i)
    assert shown == [], f"{path.name}: cells {shown} hold test plumbing a reader would see"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_term_link_names_a_glossary_term(path):
    terms = glossary_terms()
    linked = {" ".join((a or b).split()).lower() for a, b in TERM.findall(markdown(path))}
    assert sorted(linked - terms) == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_has_four_exercises_with_collapsed_solutions(path):
    text = markdown(path)
    exercises = re.findall(r"^(?:```+|:::+)\{exercise\}[^\n]*\n:label:\s*(\S+)", text, re.M)
    # a solution is one directive, or a gated one (solution-start ... solution-end) that holds code cells
    solutions = re.findall(r"^(?:```+|:::+)\{solution(?:-start)?\}\s+(\S+)\s*\n((?::[\w-]+:[^\n]*\n)*)", text, re.M)
    assert len(exercises) >= 4
    solved = {label: options for label, options in solutions}
    assert sorted(set(exercises) - set(solved)) == [], "exercises without a worked solution"
    assert [label for label, options in solved.items() if ":class: dropdown" not in options] == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_was_executed_with_the_current_code(path):
    nb = json.loads(path.read_text("utf-8"))
    stored = nb["metadata"].get("soe_grassroots", {}).get("fingerprint")
    assert stored == run_notebooks.fingerprint(nb), (
        f"{path.relative_to(ROOT)}: its stored outputs were made by other code (its own code cells, "
        f"src/soe_grassroots or a pin of {', '.join(run_notebooks.OUTPUT_PACKAGES)} changed since): "
        f"run `make notebooks` or `python tools/run_notebooks.py {path.relative_to(ROOT)}`")


def test_the_fingerprint_changes_with_a_code_cell():
    nb = {"cells": [{"cell_type": "code", "source": ["x = 1"]}, {"cell_type": "markdown", "source": "prose"}]}
    before = run_notebooks.fingerprint(nb)
    nb["cells"][1]["source"] = "other prose"
    assert run_notebooks.fingerprint(nb) == before  # prose does not change an output
    nb["cells"][0]["source"] = "x = 2"
    assert run_notebooks.fingerprint(nb) != before
