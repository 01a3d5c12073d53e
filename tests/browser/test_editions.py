"""The other editions, in a real browser: the slide decks and the student edition (README, "For instructors").

`make test-browser` builds both (`make slides`, `make book-student`) and sets SLIDES_DIR and STUDENT_SITE;
without them these tests are skipped. Every deck and every student page is served from 127.0.0.1 with all
other hosts blocked, like the main site (conftest.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, decks, site_pages

SOLUTION_MARK = "Solution to"  # sphinx-exercise titles every solution "Solution to Exercise N"


def _dir(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"set {variable} (make test-browser does)")
    path = (ROOT / value).resolve()
    if not path.is_dir():
        pytest.fail(f"{variable}={path} does not exist: build it first")
    return path


# ------------------------------------------------------------------------------------------------------
# slides


def _decks() -> list[str]:
    value = os.environ.get("SLIDES_DIR")
    return decks((ROOT / value) if value else None)


@pytest.fixture
def deck_result(browser_work, deck):
    """(record, facts, slide index after one ArrowRight) of ``deck``, opened on the browser pool (conftest.py)."""
    _dir("SLIDES_DIR")
    return browser_work.decks[deck].result()


def test_every_chapter_has_a_deck():
    folder = _dir("SLIDES_DIR")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import slides

    assert sorted(p.name for p in folder.glob("*.slides.html")) == sorted(
        f"{p.stem}.slides.html" for p in slides.chapters())


@pytest.mark.parametrize("deck", _decks())
def test_deck_works_offline_with_typeset_math(deck_result, deck):
    """At least six slides, reveal.js running, math typeset by the vendored KaTeX, nothing fetched from
    another host, no MyST left raw, and no worked solution on the projector (conftest.deck_job)."""
    record, facts, moved = deck_result
    assert record["external"] == []
    assert record["failed"] == []
    assert record["errors"] == []
    assert facts["top"] >= 6
    assert moved == 1
    assert facts["merror"] == 0
    assert facts["raw"] == []
    if re.search(r"\$[^$]+\$", facts["text"]) or facts["dollars"]:
        pytest.fail("untypeset TeX left on a slide")
    assert facts["mjx"] > 0
    assert SOLUTION_MARK not in facts["text"]


# ------------------------------------------------------------------------------------------------------
# student edition


def test_student_edition_keeps_the_exercises_and_drops_every_solution():
    """Same pages as the main site; each page has as many exercises as on the main site and no solution."""
    student, main = _dir("STUDENT_SITE"), _dir("BOOK_SITE")
    assert site_pages(student) == site_pages(main)
    solutions = exercises = 0
    for page in site_pages(main):
        html_main = (main / page).read_text("utf-8")
        html_student = (student / page).read_text("utf-8")
        count = html_main.count('class="exercise admonition')
        assert html_student.count('class="exercise admonition') == count, page
        assert 'class="solution' not in html_student and SOLUTION_MARK not in html_student, page
        exercises += count
        solutions += html_main.count('class="solution')
    assert exercises >= 40 and solutions >= exercises  # the main site does carry the worked solutions


@pytest.fixture
def collapsed_solutions(browser_work):
    _dir("BOOK_SITE")
    return browser_work.collapsed.result()


def test_main_site_solutions_are_collapsed(collapsed_solutions):
    """On the main site a worked solution sits collapsed under its exercise until the reader opens it
    (book/nash.html; conftest.collapsed_solutions_job)."""
    solutions, bodies_visible = collapsed_solutions
    assert solutions >= 4
    assert not any(bodies_visible)


@pytest.fixture
def student_records(browser_work):
    """Every student page opened on the browser pool (conftest.student_page_job): page -> record."""
    site = _dir("STUDENT_SITE")
    return {path: browser_work.student[path].result() for path in site_pages(site)}


def test_student_pages_work_offline(student_records):
    problems = {path: record for path, record in student_records.items() if any(record.values())}
    assert problems == {}
