# tthc-tools — `make demo` installs everything and runs the main job on the samples;
# `make test` runs the whole suite (ruff, mypy, pytest). See README.md.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils qpdf fonts-dejavu-core fonts-liberation
DEMO_DB ?= tthc.db

.PHONY: help setup system-deps venv demo test lint typecheck pytest bench i18n clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

system-deps:  ## apt-get install what is missing (tesseract + Vietnamese, poppler, fonts, venv)
	@missing=""; \
	for pkg in $(APT_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BIN)/tthc: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

venv: $(BIN)/tthc  ## create .venv with the package and its dev tools

setup: system-deps venv  ## everything: system packages and the Python environment

demo: setup  ## import the sample catalogue and digitise the sample scans into ./tthc.db
	$(BIN)/tthc --db $(DEMO_DB) db upgrade
	$(BIN)/tthc --db $(DEMO_DB) catalog import catalogs/*
	$(BIN)/tthc --db $(DEMO_DB) scan ingest scans/
	$(BIN)/tthc --db $(DEMO_DB) results list
	$(BIN)/tthc --db $(DEMO_DB) db status

lint: venv
	$(BIN)/ruff check tthc_tools tests bench tools

typecheck: venv
	$(BIN)/mypy

pytest: venv
	$(BIN)/pytest -n auto -q

test: setup lint typecheck pytest  ## the whole suite: ruff, mypy, pytest (SQLite, and PostgreSQL when TTHC_TEST_POSTGRES_URL is set)

bench: setup  ## the benchmarks under bench/ (they print their figures)
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

i18n:  ## after changing messages: extract them into the .pot/.po, compile the .po into the shipped .mo
	$(PYTHON) tools/i18n.py extract
	$(PYTHON) tools/i18n.py compile

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
