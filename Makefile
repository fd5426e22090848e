# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates the virtual environment and installs the pinned toolchain on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve test build clean

$(INSTALLED): requirements/requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python >= 3.12 is needed for the toolchain (see .python-version).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

serve: $(INSTALLED)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(INSTALLED)
	$(BIN)/mkdocs build --strict

test: $(INSTALLED)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site build dist *.egg-info
