# newsgraph — quick start: `make demo`, then `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= out/demo.db
STAMP := $(VENV)/.installed

.PHONY: venv install demo test test-fast lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/newsgraph --db $(DB) ingest examples/
	$(BIN)/newsgraph --db $(DB) stories
	$(BIN)/newsgraph --db $(DB) events --min-confidence 0.5

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
