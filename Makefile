# Two entry points for a fresh machine: `make serve` and `make test`.
# Each installs what it needs on first use: the pinned Python toolchain in .venv/, the pinned
# npm packages (Pyodide, axe-core) in node_modules/, and, for the tests, a headless Chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_MODULES := node_modules/.package-lock.json
CHROMIUM ?= /usr/bin/chromium
# The tiers tests/conftest.py marks: what builds the site or runs Node.js or Chromium.
SLOW_TIERS := docs or pyodide or browser
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast lint format build bench clean

# The project (decision_tree) and its build tooling (site_tooling, the scripts/ folder, a
# distribution of its own: see scripts/__init__.py), both editable.
$(INSTALLED): requirements/requirements.lock pyproject.toml scripts/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python >= 3.12 is needed for the toolchain (see .python-version).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable . --editable ./scripts
	touch $@

$(NODE_MODULES): package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Playwright cannot download its own browsers here: the tests drive Debian's Chromium.
$(CHROMIUM):
	@command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] || { echo "Install Chromium (Debian: apt-get install chromium) or set CHROMIUM=/path/to/chromium"; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# Served at the root of 127.0.0.1:8000 (the published site lives under a sub-path; the
# browser tests serve it that way).
serve: $(INSTALLED) $(NODE_MODULES)
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000/} $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(INSTALLED) $(NODE_MODULES)
	$(BIN)/mkdocs build --strict

# Every test, after the lint.
test: lint $(NODE_MODULES) $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# The tests that need neither the built site, nor Node.js, nor Chromium: the engine, golden
# cases, validation, CLI, properties, bridge, renderers, share tokens (about 30 s).
test-fast: $(INSTALLED)
	$(BIN)/python -m pytest -m "not ($(SLOW_TIERS))"

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Rewrites files: import order, safe fixes, formatting.
format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Builds the site, serves it on 127.0.0.1 and measures it in headless Chromium: bench/results.md
# and bench/results.json. Options: make bench BENCH_ARGS="--runs 3 --no-throttle".
bench: $(INSTALLED) $(NODE_MODULES) $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m site_tooling.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules site build dist *.egg-info scripts/*.egg-info .ruff_cache
