# govinspect — two commands on a fresh machine: `make demo` and `make test`.
# Everything the project needs is installed here, from python3 and pip (and apt where a Debian package is needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: help bootstrap demo test test-all lint bench bench-setup bench-campaign clean

help:
	@echo "make demo       build .venv, inspect the bundled demo estate on loopback, write reports to demo-output/"
	@echo "make test       build .venv and run the test suite (what CI runs)"
	@echo "make test-all   also the slow tests"
	@echo "make lint       ruff and mypy"
	@echo "make bench      benchmark against linkchecker, wget --spider and linkinator (installs them; slow)"
	@echo "make bench-campaign  a 200-site spot check: seeded draw, kill -9 halfway, resume, every bulletin format"

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || (apt-get update && apt-get install -y python3-venv)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		(apt-get update && apt-get install -y --no-install-recommends postgresql)  # the store tests run on it
	@fc-list :lang=zh 2>/dev/null | grep -q . && ldconfig -p | grep -q libpango-1.0 && command -v pdftoppm >/dev/null || \
		(apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk libpango-1.0-0 \
		libpangoft2-1.0-0 fontconfig poppler-utils)  # PDF bulletins (WeasyPrint), and pdftoppm to test them
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

bootstrap: $(STAMP)

demo: $(STAMP)
	$(BIN)/govinspect demo --output demo-output

test: $(STAMP)
	@$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

test-all: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	bash bench/setup.sh
	$(BIN)/python bench/run.py

bench-campaign: $(STAMP)
	@command -v soffice >/dev/null || (apt-get update && apt-get install -y --no-install-recommends \
		libreoffice-writer-nogui libreoffice-calc-nogui)  # to open the DOCX and XLSX bulletins as a user would
	$(BIN)/python bench/campaign_estate.py --out bench/results/campaign-200

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache
