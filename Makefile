# Two commands: `make run` (app with a demo session on SQLite) and `make test` (every test).
PORT ?= 5000
VENV ?= .venv
BIN := $(VENV)/bin
CONTENT := content/mrk-stra-05
ORGANISATION ?= content/organisation.demo.yaml
PYTHON_FOUND = $(shell scripts/find-python)

.PHONY: run test lint check-python clean workbench test-wheel messages fuzz chaos

check-python:
	@scripts/find-python >/dev/null

$(VENV)/bin/python: | check-python
	$(PYTHON_FOUND) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,xblock]'
	@touch $@ $(VENV)/.installed $(VENV)/.installed-xblock

$(VENV)/.installed-xblock: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[xblock]'
	@touch $@

run: check-python $(VENV)/.installed
	$(BIN)/lexom content check $(CONTENT)
	$(BIN)/lexom organisation check $(ORGANISATION)
	LEXOM_ORGANISATION_FILE=$(ORGANISATION) $(BIN)/lexom init
	LEXOM_ORGANISATION_FILE=$(ORGANISATION) $(BIN)/lexom demo --base-url http://127.0.0.1:$(PORT)
	LEXOM_ORGANISATION_FILE=$(ORGANISATION) PORT=$(PORT) LEXOM_BASE_URL=http://127.0.0.1:$(PORT) \
		$(BIN)/lexom serve --dev --port $(PORT)

test: check-python $(VENV)/.installed-test
	$(BIN)/ruff check lexom_learning tests bench
	$(BIN)/ruff format --check lexom_learning tests bench
	$(BIN)/python -m pytest -n 2

# Schemathesis on the served OpenAPI document as a trainer, a participant and no one (over 5,000
# generated requests; bench/fuzz.py), and kill -9 rounds under a live answer storm and during a
# close (bench/chaos.py). Loopback only, bounded; `make test` runs a short fuzz pass itself.
fuzz: check-python $(VENV)/.installed-test
	$(BIN)/python bench/fuzz.py

chaos: check-python $(VENV)/.installed-test
	$(BIN)/python bench/chaos.py

# The Open edX blocks in the xblock-sdk workbench on http://127.0.0.1:8000 (French by default).
WORKBENCH_PORT ?= 8000
WORKBENCH_SETTINGS := DJANGO_SETTINGS_MODULE=lexom_learning.xblocks.workbench_settings

workbench: check-python $(VENV)/.installed-xblock
	mkdir -p var
	$(WORKBENCH_SETTINGS) $(BIN)/python -m django migrate --run-syncdb
	$(WORKBENCH_SETTINGS) $(BIN)/python -m django runserver 127.0.0.1:$(WORKBENCH_PORT)

# Build the sdist and the wheel from it, install the wheel in a clean venv, run the block tests
# there: a file missing from the package data fails here, not in an Open edX install.
WHEEL_TEST := build/wheel-test

test-wheel: check-python
	rm -rf $(WHEEL_TEST)
	$(PYTHON_FOUND) -m venv $(WHEEL_TEST)/tools
	$(WHEEL_TEST)/tools/bin/python -m pip install --quiet build
	$(WHEEL_TEST)/tools/bin/python -m build --quiet --outdir $(WHEEL_TEST)/dist .
	$(PYTHON_FOUND) -m venv $(WHEEL_TEST)/venv
	$(WHEEL_TEST)/venv/bin/python -m pip install --quiet "$$(ls $(WHEEL_TEST)/dist/*.whl)[test,xblock]"
	cp -R tests $(WHEEL_TEST)/tests
	printf '[pytest]\naddopts = -q -ra -p no:cacheprovider\n' > $(WHEEL_TEST)/pytest.ini
	cd $(WHEEL_TEST) && LEXOM_TEST_INSTALLED=1 LEXOM_TEST_SOURCE=$(CURDIR) \
		venv/bin/python -m pytest tests/xblocks tests/test_purity.py

# The catalogues: the web app's (babel.cfg, domain "messages", English) and the blocks'
# (lexom_learning/xblocks/babel.cfg, domain "text", French and English). Extract the strings,
# update the .po files (new strings come in empty, unused ones go) and compile them. Translate the empty entries, then run it again; tests/web/test_i18n.py
# checks that every string is translated and that the .mo matches the .po.
messages: check-python $(VENV)/.installed-test
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext --no-location --sort-output \
		-o build/messages.pot .
	$(BIN)/pybabel update -D messages -i build/messages.pot -d lexom_learning/translations \
		--no-fuzzy-matching --ignore-obsolete -w 100
	$(BIN)/pybabel compile -D messages -d lexom_learning/translations --statistics
	$(BIN)/pybabel extract -F lexom_learning/xblocks/babel.cfg -k N_ --no-location --sort-output \
		-o build/text.pot lexom_learning
	$(BIN)/pybabel update -D text -i build/text.pot -d lexom_learning/translations \
		--no-fuzzy-matching --ignore-obsolete -w 100
	$(BIN)/pybabel compile -D text -d lexom_learning/translations --statistics

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
