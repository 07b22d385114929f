# hipfirst: `make run` starts the app, `make test` runs everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HIPFIRST_SHARED_DATA ?= $(abspath ../shared/data)

.PHONY: run test check install install-dev system-deps format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==26.3

# Runtime dependencies only, pinned by constraints.txt.
$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[vision]'
	$(BIN)/pip install -q --no-deps mediapipe==0.10.21  # its dependencies: the vision extra in pyproject.toml
	touch $@

# Runtime and development dependencies.
$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,vision]'
	$(BIN)/pip install -q --no-deps mediapipe==0.10.21  # its dependencies: the vision extra in pyproject.toml
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed-run
	$(BIN)/python manage.py build_learn_audio  # skipped, with a note, without espeak-ng
	$(BIN)/hipfirst serve

system-deps:
	@scripts/install-system-deps

check: $(VENV)/.installed-dev
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src tests
	$(BIN)/lint-imports
	HIPFIRST_ENV=test DATABASE_URL=sqlite:///:memory: $(BIN)/python -m django makemigrations --check --dry-run --settings hipfirst.web.settings

test: $(VENV)/.installed-dev system-deps
	@scripts/timed "make check" $(MAKE) --no-print-directory check
	@$(BIN)/python manage.py build_learn_audio --require
	@scripts/test-both-databases

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .mypy_cache .ruff_cache
