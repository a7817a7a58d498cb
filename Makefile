# The README's two commands: `make demo` and `make test`. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
OUT ?= out/demo
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd poppler-utils chromium chromium-driver
export ACTES_TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: setup system referential demo test lint clean

## setup: system packages (Tesseract, Poppler, Chromium), the Python environment, the referential
setup: $(SYSTEM_STAMP) $(STAMP) referential validata

$(SYSTEM_STAMP):
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=25.1"
	$(BIN)/python -m pip install -q -e ".[all]" --group test
	@touch $@

## validata: the SCDL validator of schema.data.gouv.fr (validata-table) in its own environment, .venv-validata:
## its pins (Flask 2.1, Werkzeug 2.0, python-stdnum 1.20) clash with ours. Used by the tests that validate
## deliberations.csv with Validata beside Frictionless (actes/exporters/validation/validata.py); they skip without it.
.PHONY: validata
validata: .venv-validata/.installed
.venv-validata/.installed:
	@test -x .venv-validata/bin/python || $(PYTHON) -m venv .venv-validata || python3 -m venv .venv-validata
	.venv-validata/bin/python -m pip install -q "validata-table==0.12.5" && touch $@ \
	  || echo "warning: no Validata environment; the Validata tests will skip"

## referential: every French commune, EPCI, département and région (Etalab's découpage administratif,
## fetched once with `npm pack` into .cache/referential, built once into SQLite). Without npm the
## pipeline still runs: authorities stay as printed and population-aware checks answer "unknown".
referential: $(STAMP)
	@$(BIN)/actes referential build || echo "warning: going on without the national referential (see above)"

## demo: run the nightly job on the bundled demo inbox, then build the journalists' site
demo: setup
	$(BIN)/actes run fixtures/demo/inbox --out $(OUT)
	$(BIN)/actes publish --out $(OUT)
	@echo "Package written to $(OUT)/ (deliberations.csv, actes.csv, actes.jsonl, provenance.csv, datapackage.json,"
	@echo "validation.json; catalog: $(OUT)/actes.db). Browse it: $(BIN)/actes serve --out $(OUT)"

## screenshots: docs/images/site-dashboard.png (docs/site.md), from the dashboard's browser test on the demo inbox
.PHONY: screenshots
screenshots: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/publish/test_dashboard.py
	cp test-artifacts/dashboard.png docs/images/site-dashboard.png

## test: the whole suite (PostgreSQL included when reachable)
test: setup
	$(BIN)/ruff check actes tests benchmarks
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check actes tests benchmarks
	$(BIN)/ruff format --check actes tests benchmarks

clean:
	rm -rf $(VENV) out .pytest_cache
