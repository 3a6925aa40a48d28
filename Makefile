# Families' Voice. `make run` to try it, `make test` to check it. Both install what they need.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
DEV := FV_ENVIRONMENT=development

.PHONY: install run test test-sqlite lint format bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/app.css: static/scss/app.scss node_modules/.installed
	npm run --silent build:css

# The text engines' models (name detector, risk, themes) and word lists, built once into
# FV_MODEL_DIR (app/text/artefacts.py); again when the data or engines they come from change.
MODEL_DIR := $(or $(FV_MODEL_DIR),var/models)
MODEL_INPUTS := $(wildcard data/dev*/*.jsonl data/risk/*.jsonl data/themes/*.jsonl \
	app/text/data/*.txt app/text/*.py app/text/risk/*.py app/text/risk/*.json)

$(MODEL_DIR)/.built: $(BIN)/.installed $(MODEL_INPUTS)
	$(BIN)/familyvoice models build
	touch $@

install: $(BIN)/.installed node_modules/.installed static/build/app.css $(MODEL_DIR)/.built

# Migrate an SQLite file under var/, load demo data if it is empty, serve on 127.0.0.1:8000.
run: install
	$(DEV) $(BIN)/familyvoice migrate
	$(DEV) $(BIN)/familyvoice seed-demo
	$(DEV) $(BIN)/familyvoice serve --no-migrate

# The whole suite: on SQLite, and on PostgreSQL too when FV_TEST_DATABASE_URL is set.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app
	$(BIN)/lint-imports --no-cache --no-logo  # the layers: docs/architecture.md

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The peers (Presidio, a spaCy model) are benchmark-only: installed here, never by `install`.
# One BLAS thread, so "one core" figures mean one core. Files starting "_" are helpers.
bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@for script in bench/[!_]*.py; do echo "== $$script"; \
		OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) node_modules static/build var .pytest_cache .mypy_cache .ruff_cache
