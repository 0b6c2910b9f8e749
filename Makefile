# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Open the app on the built-in demo plan (data/demo.db, created from data/demo/ on first use).
run: $(STAMP)
	$(BIN)/roadmap --db data/demo.db demo --if-missing --quiet
	$(BIN)/roadmap --db data/demo.db

## Re-create the demo plan from data/demo/, keeping the old database aside.
demo: $(STAMP)
	$(BIN)/roadmap --db data/demo.db demo

## Lint, check formatting and run every test.
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

## Run every benchmark, each printing its table.
bench: $(STAMP)
	for name in store engine export tui web; do $(BIN)/python bench/bench_$$name.py || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
