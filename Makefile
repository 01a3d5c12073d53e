# One-command entry points for the book. GNU make; recipes are indented with tabs.
#   make book   build the static site into _build/html (creates .venv from requirements.lock if needed)
#   make test   unit, property and doctests, then nbval over every chapter notebook
#   make lab    JupyterLab on book/ with live widgets
#   make lock   recompile requirements.lock from requirements.txt (maintainers)

PY ?= python3
VENV = .venv
BIN = $(VENV)/bin

NOTEBOOKS := $(wildcard book/*.ipynb)
LOCK_VENV = .lock-venv

.DEFAULT_GOAL := help
.PHONY: help install book book-all test lab lock clean

help:
	@echo "make book      build the book into _build/html (installs .venv first if needed)"
	@echo "make book-all  rebuild every page, ignoring Sphinx's cache"
	@echo "make test      unit, property and doctests, then nbval over book/*.ipynb"
	@echo "make lab       JupyterLab on book/ with working widgets"
	@echo "make lock      recompile requirements.lock from requirements.txt"
	@echo "make clean     remove _build"

# The virtual environment, rebuilt whenever the lock file or the package metadata changes.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/pip install -r requirements.lock
	touch $@

install: $(VENV)/.installed

book: install
	$(BIN)/jupyter-book build -n -W --keep-going .

book-all: install
	$(BIN)/jupyter-book build --all -n -W --keep-going .

# pytest's own settings (testpaths, --doctest-modules) live in pyproject.toml. The nbval run
# gets the notebooks explicitly and empties addopts so that it does not run those tests again.
test: install
	$(BIN)/python -m pytest
ifneq ($(strip $(NOTEBOOKS)),)
	$(BIN)/python -m pytest -o addopts="" -p no:cacheprovider --nbval-lax --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)
else
	@echo "nbval: no notebooks in book/ yet, skipped"
endif

lab: install
	$(BIN)/jupyter lab book/

# pip-compile runs in a throwaway environment so that pip-tools never enters the book's own.
lock:
	rm -rf $(LOCK_VENV)
	$(PY) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --upgrade pip pip-tools
	$(LOCK_VENV)/bin/pip-compile --strip-extras --no-emit-index-url --no-emit-find-links --allow-unsafe \
	    -o requirements.lock requirements.txt
	rm -rf $(LOCK_VENV)

clean:
	rm -rf _build
