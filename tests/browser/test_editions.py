"""The other editions, in a real browser: the slide decks and the student edition (README, "For instructors").

`make test-browser` builds both (`make slides`, `make book-student`) and sets SLIDES_DIR and STUDENT_SITE;
without them these tests are skipped. Every deck and every student page is served from 127.0.0.1 with all
other hosts blocked, like the main site (conftest.py).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, ROOT, _QuietHandler, site_pages

SOLUTION_MARK = "Solution to"  # sphinx-exercise titles every solution "Solution to Exercise N"


def _dir(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"set {variable} (make test-browser does)")
    path = (ROOT / value).resolve()
    if not path.is_dir():
        pytest.fail(f"{variable}={path} does not exist: build it first")
    return path


def _serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, base: str, path: str, settle_ms: int = 0):
    """Open ``path``; return (page, context, record) where record has the external, failed and error lists."""
    record = {"external": [], "failed": [], "errors": []}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:", "blob:"))
                  else (record["external"].append(r.request.url), r.abort()))
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and record["failed"].append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.goto(base + path, wait_until="networkidle")
    if settle_ms:
        page.wait_for_timeout(settle_ms)
    return page, context, record


# ------------------------------------------------------------------------------------------------------
# slides


def _decks() -> list[str]:
    value = os.environ.get("SLIDES_DIR")
    folder = (ROOT / value) if value else None
    return sorted(p.name for p in folder.glob("*.slides.html")) if folder and folder.is_dir() else []


@pytest.fixture(scope="module")
def slides_url():
    server, url = _serve(_dir("SLIDES_DIR"))
    yield url
    server.shutdown()


def test_every_chapter_has_a_deck():
    folder = _dir("SLIDES_DIR")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import slides

    assert sorted(p.name for p in folder.glob("*.slides.html")) == sorted(
        f"{p.stem}.slides.html" for p in slides.chapters())


@pytest.mark.parametrize("deck", _decks())
def test_deck_works_offline_with_typeset_math(browser, slides_url, deck):
    """At least six slides, reveal.js running, math typeset by the vendored KaTeX, nothing fetched from
    another host, no MyST left raw, and no worked solution on the projector."""
    page, context, record = _open(browser, slides_url, deck)
    try:
        page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()", timeout=20_000)
        facts = page.evaluate("""() => ({
          slides: Reveal.getTotalSlides(), top: document.querySelectorAll('.slides > section').length,
          mjx: document.querySelectorAll('.katex').length,
          merror: document.querySelectorAll('.katex-error').length,
          raw: (document.querySelector('.slides').innerText.match(/\\{(glue|term|ref|numref|cite)[:a-z]*\\}`/g) || []),
          dollars: (document.querySelector('.slides').innerText.match(/\\$\\$/g) || []).length,
          text: document.querySelector('.slides').innerText })""")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        moved = page.evaluate("() => Reveal.getIndices().h")
    finally:
        context.close()
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


def test_main_site_solutions_are_collapsed(browser):
    """On the main site a worked solution sits collapsed under its exercise until the reader opens it."""
    site = _dir("BOOK_SITE")
    server, url = _serve(site)
    try:
        page, context, record = _open(browser, url, "book/nash.html", settle_ms=300)
        try:
            bodies = page.locator(".solution .admonition-title ~ *")
            assert page.locator(".solution").count() >= 4
            assert not any(bodies.nth(i).is_visible() for i in range(bodies.count()))
        finally:
            context.close()
    finally:
        server.shutdown()


def test_student_pages_work_offline(browser):
    site = _dir("STUDENT_SITE")
    server, url = _serve(site)
    problems = {}
    try:
        for path in site_pages(site):
            page, context, record = _open(browser, url, path)
            context.close()
            if any(record.values()):
                problems[path] = record
    finally:
        server.shutdown()
    assert problems == {}
