# Two commands: `make run` (app with a demo session on SQLite) and `make test` (every test).
PORT ?= 5000
VENV ?= .venv
BIN := $(VENV)/bin
CONTENT := content/mrk-stra-05
PYTHON_FOUND = $(shell scripts/find-python)

.PHONY: run test lint check-python clean workbench

check-python:
	@scripts/find-python >/dev/null

$(VENV)/bin/python: | check-python
	$(PYTHON_FOUND) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

run: check-python $(VENV)/.installed
	$(BIN)/lexom content check $(CONTENT)
	$(BIN)/lexom init
	$(BIN)/lexom demo --base-url http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(BIN)/lexom serve --port $(PORT)

test: check-python $(VENV)/.installed-test
	$(BIN)/ruff check lexom_learning tests bench
	$(BIN)/ruff format --check lexom_learning tests bench
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
