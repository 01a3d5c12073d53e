# One-command entry points for the book. GNU make; recipes are indented with tabs.
#   make book   build the static site into _build/html (creates .venv from requirements.lock if needed,
#               installs the front-end assets from npm and vendors them; works offline, see README)
#   make check  the fast inner loop (under a minute): lint, types, unit tests and doctests, fewer Hypothesis
#               examples, no notebooks, no browser, no tests marked slow
#   make test   lint and types first, then unit, property and doctests with nbval over every chapter notebook
#               (one pytest session), then the browser tests of the built site (tests/browser/, headless Chromium)
#   make lab    JupyterLab on lab/, a working copy of book/ (ignored by git), with live widgets
#   make slides one reveal.js deck per chapter into _build/slides/ (offline)
#   make book-student  the student edition (exercises without solutions) into _build/student/html
#   make lock   recompile requirements.lock from requirements.txt (maintainers)

PY ?= python3
VENV = .venv
BIN = $(VENV)/bin

NOTEBOOKS := $(wildcard book/*.ipynb)
LOCK_VENV = .lock-venv

# Front-end assets (KaTeX, RequireJS, the ipywidgets HTML manager, reveal.js; axe-core for the tests), pinned by
# package-lock.json. `npm ci` runs only when node_modules is missing or the lock changed (stamp file).
NPM ?= npm
NODE_STAMP = node_modules/.npm-ci.stamp
VENDOR = book/_static/vendor
VENDOR_STAMP = $(VENDOR)/VERSIONS.json

# The site is built from the outputs stored in the notebooks (_config.yml: execute_notebooks "off"), so a build
# executes nothing; `make notebooks` re-executes them after a change to their code or the package, and
# tests/test_notebooks.py fails when a notebook's stored outputs are older than either (a fingerprint).

# Browser tests: Debian's Chromium (never `playwright install`), installed with apt when missing.
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BROWSER_SITE = _build/html

.DEFAULT_GOAL := help
.PHONY: help install vendor book book-all book-student slides notebooks bench lint check test test-browser \
	chromium lab lab-reset lock clean

help:
	@echo "make book      build the book into _build/html (installs .venv first if needed)"
	@echo "make book-all  rebuild every page, ignoring Sphinx's cache"
	@echo "make check     the inner loop (< 1 min): ruff, mypy, unit tests and doctests (no notebooks, no browser)"
	@echo "make test      before you stop: ruff, mypy, unit, property and doctests, nbval over book/*.ipynb, then"
	@echo "               the browser tests"
	@echo "make lint      only ruff (lint, no reformatting) and mypy (src/soe_grassroots); both read pyproject.toml"
	@echo "make test-browser  build the book, then only the browser tests (tests/browser/)"
	@echo "make vendor    npm ci (if the lock changed) and copy the site's front-end files to $(VENDOR)/"
	@echo "make notebooks re-execute the chapter notebooks in place (stored outputs)"
	@echo "make bench     measure the performance budget into benchmarks/RESULTS.md"
	@echo "make book-student  the student edition (exercises, no solutions) into _build/student/html"
	@echo "make slides    one slide deck per chapter into _build/slides/<chapter>.slides.html"
	@echo "make lab       JupyterLab on lab/, a working copy of book/ (book/ is never changed)"
	@echo "make lab-reset throw lab/ away and copy book/ afresh"
	@echo "make lock      recompile requirements.lock from requirements.txt"
	@echo "make clean     remove _build"

# The virtual environment, rebuilt whenever the lock file or the package metadata changes.
# VENV_STAMP_SKIP=1 uses .venv as it is, never reinstalling it (for example a venv shared by several checkouts).
# uv installs the pinned lock in about 20 s where pip takes about 2 minutes (same packages, same versions).
UV_VERSION = 0.13.9
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip install --python $(BIN)/python -r requirements.lock
	touch $@

install: $(if $(VENV_STAMP_SKIP),,$(VENV)/.installed)

$(NODE_STAMP): package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	touch $@

# Only the files the pages load (tools/vendor_assets.py lists them); generated, not committed.
$(VENDOR_STAMP): $(NODE_STAMP) tools/vendor_assets.py
	$(PY) tools/vendor_assets.py

vendor: $(VENDOR_STAMP)

# `make book` rebuilds only when something the site is made of changed since the last successful build
# (make compares the files' times with a stamp), so a build with nothing changed costs almost nothing.
BOOK_SOURCES := $(shell find book -type f -not -path '*/__pycache__/*' -not -path '$(VENDOR)/*' \
	-not -path '*/.ipynb_checkpoints/*' 2>/dev/null) _config.yml _toc.yml pyproject.toml requirements.lock
BOOK_STAMP = _build/html/.book-stamp

book: install vendor $(BOOK_STAMP)

$(BOOK_STAMP): $(BOOK_SOURCES) $(VENDOR_STAMP)
	$(BIN)/jupyter-book build -n -W --keep-going .
	@touch $@

book-all: install vendor
	$(BIN)/jupyter-book build --all -n -W --keep-going .
	@touch $(BOOK_STAMP)

# The student edition: the same book without the worked solutions, for courses that grade the exercises.
# tools/student_edition.py writes its source (a copy of the book with hide_solutions set and the gated
# solutions removed) to _build/student/src, built from the notebooks' stored outputs like the main book. Like
# `make book`, it is rebuilt only when something it is made of changed (stamp file).
STUDENT = _build/student
STUDENT_STAMP = $(STUDENT)/html/.student-stamp

book-student: install vendor $(STUDENT_STAMP)

$(STUDENT_STAMP): $(BOOK_SOURCES) $(VENDOR_STAMP) tools/student_edition.py
	$(BIN)/python tools/student_edition.py $(STUDENT)/src
	$(BIN)/jupyter-book build $(STUDENT)/src --path-output $(STUDENT) -n -W --keep-going
	rm -rf $(STUDENT)/html && cp -r $(STUDENT)/_build/html $(STUDENT)/html
	@touch $@

# Slide decks from the stored notebooks (slide metadata on the cells; tools/slides.py), reveal.js vendored;
# rebuilt only when the book, the script, its template or the vendored files changed (stamp file).
SLIDES_STAMP = _build/slides/.slides-stamp

slides: install vendor $(SLIDES_STAMP)

$(SLIDES_STAMP): $(BOOK_SOURCES) $(VENDOR_STAMP) $(NODE_STAMP) tools/slides.py $(wildcard tools/slides_template/*)
	$(BIN)/python tools/slides.py
	@touch $@

# Re-execute the chapter notebooks in place (stored outputs and widget state), e.g. after a package change.
notebooks: install
	$(BIN)/python tools/run_notebooks.py

# The performance figures of benchmarks/RESULTS.md (see benchmarks/run.py; takes several minutes).
bench: install vendor chromium
	$(BIN)/python benchmarks/run.py

# The gates, configured in pyproject.toml: ruff checks the whole tree (lint only: the code is not run through
# `ruff format`); mypy checks the package.
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# The inner loop: the gates, then the unit tests and doctests on the two cores, without nbval and the browser suite,
# with at most 10 examples per Hypothesis property (the `check` profile, conftest.py) and without the tests marked
# slow (pyproject.toml's markers: the tournament, which imports axelrod, and a few 2-5 s explorer tests).
check: lint
	$(BIN)/python -m pytest -n 2 -p no:nbval -p no:cacheprovider --hypothesis-profile=check -m "not slow" \
	    --ignore=tests/browser tests src

# pytest's own settings (testpaths, --doctest-modules) live in pyproject.toml. The unit, property and doctests
# and nbval over the notebooks run in ONE pytest-xdist session on the two cores, so that neither run waits alone
# for its slowest file: the notebooks are given first, then the testpaths (tests src: keep in step with
# pyproject.toml); conftest.py keeps each notebook's cells in order on one worker, every other test is
# scheduled on its own. `vendor` comes first because tests/test_fast_pages.py runs PurgeCSS from node_modules;
# `lint` before it, so that a lint or type error stops the run at once.
test: lint vendor
ifneq ($(strip $(NOTEBOOKS)),)
	$(BIN)/python -m pytest -n 2 --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	    $(NOTEBOOKS) tests src
else
	@echo "nbval: no notebooks in book/ yet, skipped"
	$(BIN)/python -m pytest -n 2
endif
	$(MAKE) test-browser

# The built site in headless Chromium, served on 127.0.0.1 with every other host blocked: every page,
# no external request, no console error, typeset math, rendered widgets, moving sliders, alt text,
# internal links, axe-core (tests/browser/). Prints per-page counts; details in _build/browser-report.json.
test-browser: book book-student slides chromium
	BOOK_SITE=$(BROWSER_SITE) STUDENT_SITE=$(STUDENT)/html SLIDES_DIR=_build/slides \
	    $(BIN)/python -m pytest -o addopts="" -p no:cacheprovider tests/browser

chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

# JupyterLab on a working copy: book/ is only read, so autosave never rewrites the book's notebooks
# (tools/lab.py). Works as root (--allow-root). Extra arguments: make lab LAB_ARGS="--port=8890 --no-browser"
lab: install
	$(BIN)/python tools/lab.py $(LAB_ARGS)

lab-reset: install
	$(BIN)/python tools/lab.py --reset

# pip-compile runs in a throwaway environment so that pip-tools never enters the book's own.
lock:
	rm -rf $(LOCK_VENV)
	$(PY) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --upgrade pip pip-tools
	$(LOCK_VENV)/bin/pip-compile --strip-extras --no-emit-index-url --no-emit-find-links --allow-unsafe \
	    -o requirements.lock requirements.txt
	@# pip-compile writes the project as an absolute file URL (-e file:///this/checkout): keep it relative
	sed -i 's#^-e file://$(CURDIR)$$#-e .#' requirements.lock
	rm -rf $(LOCK_VENV)

clean:
	rm -rf _build $(VENDOR)
