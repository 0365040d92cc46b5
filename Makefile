# digestcite: the front door. `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: help demo test lint bench accuracy install clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# NOTE: editable_mode=compat puts the checkout on sys.path with a plain .pth line; the
# default editable finder imports pathlib and importlib.util into every start (~10 ms of
# each `digestcite` run).
EDITABLE := --config-settings editable_mode=compat

# NOTE: PYTHONWARNINGS silences setuptools' warning block about compat editable installs,
# printed on every install (issue 11); the install itself is unchanged.
PIP_INSTALL := PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet

# The demo's and README's `timeline --plot` needs matplotlib: the run install has it (the plot extra).
$(STAMP_RUN): $(BIN)/python setup.cfg pyproject.toml
	$(PIP_INSTALL) $(EDITABLE) -e '.[plot]'
	touch $@

$(STAMP_TEST): $(BIN)/python setup.cfg pyproject.toml
	$(PIP_INSTALL) $(EDITABLE) -e '.[plot,test,lint]'
	touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)  ## create .venv and install digestcite

demo: $(STAMP_RUN)  ## ingest the bundled sample corpus and show search, cite and export
	$(BIN)/digestcite demo

test: $(STAMP_TEST)  ## run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP_TEST)  ## ruff and mypy
	$(BIN)/ruff check digestcite tests bench fuzz
	$(BIN)/mypy digestcite

bench: $(STAMP_TEST)  ## benchmark ingest, index and lookup against peers (10k items)
	$(BIN)/python -m bench

accuracy: $(STAMP_TEST)  ## how the reader cuts the labelled pages (items, outlets, dates per family)
	$(BIN)/python -m bench.accuracy

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
