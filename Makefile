# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-busy lint typecheck bench demo catalogs screenshots clean

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

## Lint, check formatting, the layers and the types, and run every test and docstring example.
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy src/roadmap
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

## The suite beside two processes that keep both cores busy, as on a loaded machine.
test-busy: $(STAMP)
	bash bench/busy.sh $(MAKE) test

## Type checks of src/roadmap.
typecheck: $(STAMP)
	$(BIN)/mypy src/roadmap

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

## Run every benchmark, each printing its table.
bench: $(STAMP)
	for name in commands store engine export tui catalogs integrity sheets web bulk_insert; do $(BIN)/python bench/bench_$$name.py || exit 1; done

## Extract every message from the code (babel.cfg) and add new ones to the fi, sv and en
## catalogs, dropping those the code no longer uses; then translate the empty entries.
catalogs: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel -q extract -F babel.cfg -o build/roadmap.pot --no-location --sort-output --width 100 .
	$(BIN)/pybabel -q update -i build/roadmap.pot -d src/roadmap/locale -D roadmap --no-fuzzy-matching --ignore-obsolete --width 100

## The README's screenshots: the main views on the demo plan in Finnish (docs/screenshots/).
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py --png

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
