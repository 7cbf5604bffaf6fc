# `make run` and `make test` set everything up on a fresh machine with only Python 3.10+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/tutor $(ARGS)

# One pytest worker per core (pytest-xdist); PYTEST_ARGS="tests/ui -x" runs a part.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m tutor.bench

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
