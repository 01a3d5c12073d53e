"""The student edition drops every worked solution (`make book-student`, tools/student_edition.py).

sphinx-exercise's ``hide_solutions`` handles plain ``solution`` directives; gated solutions (``solution-start``
... ``solution-end``, with code cells between) are removed from the edition's copy of each notebook first.
tests/browser/test_editions.py checks the built pages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text):
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": [], "execution_count": None}


def test_gated_solutions_go_with_their_code_and_the_rest_stays():
    nb = {"cells": [
        md("## Exercises\n\n```{exercise}\n:label: ex-1\n\nDo it.\n```\n\n```{solution-start} ex-1\n"
           ":class: dropdown\n```\n\nWe compute:"),
        code("secret = 42"),
        md("So the answer is 42.\n\n```{solution-end}\n```\n\n```{exercise}\n:label: ex-2\n\nAgain.\n```\n\n"
           "```{solution-start} ex-2\n```"),
        code("also_secret = 1"),
        md("```{solution-end}\n```"),
        code("visible = True"),
        md("```{solution} ex-3\nplain, left to hide_solutions\n```"),
    ]}
    assert student_edition.drop_gated_solutions(nb) == 2
    text = json.dumps(nb)
    assert "secret" not in text and "42" not in text and "solution-start" not in text and "solution-end" not in text
    assert "Do it." in text and "Again." in text and "visible = True" in text and "plain, left" in text


def test_an_unclosed_gated_solution_is_an_error():
    with pytest.raises(ValueError, match="no solution-end"):
        student_edition.drop_gated_solutions({"cells": [md("```{solution-start} ex-1\n```"), code("x = 1")]})


def test_the_edition_hides_solutions_and_executes_nothing():
    config = student_edition.student_config()
    assert config["sphinx"]["config"]["hide_solutions"] is True
    assert config["execute"]["execute_notebooks"] == "off"  # built from the stored outputs, as the main book
