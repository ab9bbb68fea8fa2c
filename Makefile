# Citex: `make run` opens the bundled report in the TUI, `make test` runs lint, type checks and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean setup digests

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml (or this file) changes. editable_mode=compat: the checkout is put
# on sys.path by a plain .pth line, not by setuptools' import-hook finder, which every Python start-up
# (every `citex search`) would otherwise pay for (~8 ms: it imports importlib.util and pathlib).
$(STAMP): pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/citex

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Rewrite tests/corpus/digests.json after a change to what `source` produces (bump PARSER_VERSION first).
digests: $(STAMP)
	$(BIN)/python tests/update_digests.py

bench: $(STAMP)
	@if [ -d bench ] && ls bench/*.py >/dev/null 2>&1; then \
		for f in bench/*.py; do \
			case $$f in bench/fuzz_read.py) echo "== $$f: opt-in (needs atheris: $(BIN)/pip install atheris), not run"; continue;; esac; \
			echo "== $$f"; $(BIN)/python $$f || exit 1; done; \
	else echo "no benchmarks yet (bench/*.py)"; fi

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache snapshot_report.html
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
