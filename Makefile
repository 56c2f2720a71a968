# Process Handbook: every set-up step lives here, so a fresh clone needs only
# `make serve` or `make test`.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

.PHONY: setup serve build test test-fast lint lock templates schemas rule-examples clean

setup: $(PY_STAMP) $(NPM_STAMP)

# After npm ci: the package build copies the browser libraries from node_modules (setup.py).
$(PY_STAMP): requirements.lock pyproject.toml setup.py package-lock.json $(NPM_STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: setup
	$(BIN)/mkdocs serve

build: setup
	$(BIN)/mkdocs build --strict

# On every core (pytest-xdist): each worker builds the sites its tests need once.
test: setup
	$(BIN)/python -m pytest -n auto

# The core only: no site build, no browser.
test-fast: setup
	$(BIN)/python -m pytest -m "not site and not browser"

# Static checks: ruff's rules and format (pyproject.toml), and mypy --strict on the package.
LINTED := plugins tests scripts benchmarks setup.py
lint: setup
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

# Regenerate the editor schemas in schemas/ (a test fails when they are out of date).
schemas: setup
	$(BIN)/handbook schema --out schemas

# Regenerate the example of each diagnostic code the codes reference shows, from tests/corpus/
# (the package carries them; a test fails when they are out of date).
rule-examples: setup
	$(BIN)/python scripts/make_rule_examples.py

# Regenerate the sample handbook's downloadable template files.
templates: setup
	$(BIN)/python scripts/make_templates.py

# Re-pin the Python environment from pyproject.toml (run after changing dependencies).
lock:
	rm -rf /tmp/handbook-lock && $(PYTHON) -m venv /tmp/handbook-lock
	/tmp/handbook-lock/bin/pip install --quiet ".[site,dev]"
	{ echo "# Pinned environment for the build and the tests (make setup installs exactly this)."; \
	  echo "# Regenerate with: make lock"; \
	  /tmp/handbook-lock/bin/pip freeze --exclude mkdocs-process-handbook; } > requirements.lock

clean:
	rm -rf $(VENV) node_modules site
