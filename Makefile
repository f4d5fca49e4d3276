# Two entry points on a fresh clone (Python 3.11+ and the package registries are all it needs):
#   make site   install into .venv, generate the briefings from seeds/, build the site into site/
#   make test   install into .venv (with the dev tools), run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site test serve quality speed lint check-python clean

site: $(STAMP)
	$(BIN)/briefing build

test: $(STAMP)
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/briefing serve

quality: $(STAMP)
	$(BIN)/python benchmarks/briefing_gold.py
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/extraction.py --quiet

speed: $(STAMP)
	$(BIN)/python benchmarks/generate.py

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; run: make PYTHON=python3.11 ...")'

$(STAMP): pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
