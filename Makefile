# The front door: `make run` serves the app, `make test` runs every check. Both install what is missing.
SHELL := /bin/bash
VENV ?= .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 5000
export HOST PORT
# make run answers only to these host names; set FLASK_TRUSTED_HOSTS when serving on another
# address (make run HOST=0.0.0.0 FLASK_TRUSTED_HOSTS='["aid.example.org"]').
FLASK_TRUSTED_HOSTS ?= ["localhost", "127.0.0.1"]

# Debian packages: Pango and fonts for WeasyPrint (Latin, Spanish and French characters);
# Chromium, poppler-utils (pdftoppm) and libzbar0 (reads QR codes) for the browser and PDF tests;
# nginx and redis-server for the scale-out test (tests/test_scale_out.py runs its own, on loopback).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 shared-mime-info fonts-dejavu-core fonts-liberation2 fonts-noto-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils libzbar0 nginx redis-server

.PHONY: help run test lint translations update-translations readability bench bench-all bench-lighthouse system-packages-run system-packages-test install clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-22s %s\n", $$1, $$2}'

run: system-packages-run install translations ## Serve the app with gunicorn on http://$(HOST):$(PORT)
	FLASK_TRUSTED_HOSTS='$(FLASK_TRUSTED_HOSTS)' $(VENV)/bin/gunicorn -c gunicorn.conf.py wsgi:app

test: system-packages-test install translations lint ## Install what is missing, lint, and run the whole test suite
	$(PYTHON) -m pytest

lint: install ## Check style and common security mistakes with ruff
	$(VENV)/bin/ruff check decision_aid tests bench wsgi.py gunicorn.conf.py setup.py
	$(VENV)/bin/ruff format --check decision_aid tests bench wsgi.py gunicorn.conf.py setup.py

system-packages-run: ## Install the Debian packages the app needs, if any are missing
	@./scripts/ensure-debian-packages $(RUN_PACKAGES)

system-packages-test: ## Install the Debian packages the tests need, if any are missing
	@./scripts/ensure-debian-packages $(TEST_PACKAGES)

# Reinstall when the dependency list changes; the stamp file records the last install.
$(VENV)/.installed: setup.cfg pyproject.toml setup.py constraints.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	# A current setuptools builds wheels itself; the one a new venv bundles is too old for that.
	$(PYTHON) -m pip install --quiet --upgrade pip "setuptools>=80"
	$(PYTHON) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the app with its test tools

static: install ## Write the static files as the app serves them (minified) to build/static, for nginx
	rm -rf build/static
	$(VENV)/bin/python -m decision_aid.web.export_static build/static

translations: install ## Compile the message catalogs (.po to .mo)
	$(VENV)/bin/pybabel compile -d translations -D messages --statistics

update-translations: install ## Extract messages from the code and update every catalog
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k PN:1,2 -c TRANSLATORS: --no-location --sort-by-file -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations -D messages --no-fuzzy-matching

readability: install translations ## Measure each page's reading level and record it for the about page
	$(PYTHON) -m tests.readability --write

# Never part of `make test`: it loads the machine for minutes. Quick run: make bench ARGS="--seconds 10 --connections 20"
bench: system-packages-test install translations ## Load one instance, then two behind nginx, and print a table (60 s each)
	$(PYTHON) bench/load.py $(ARGS)

# Never part of `make test`. wrk (Debian) loads the server; quick run: make bench-all ARGS="--seconds 3 --renders 50"
bench-all: system-packages-test install translations ## Page weight, throughput against bare Flask, PDF cost, memory, cookie: one table
	@./scripts/ensure-debian-packages wrk
	$(PYTHON) bench/all.py $(ARGS)

# Never part of `make test`. Lighthouse comes from npm (Debian's nodejs and npm if there is no npm yet), at the
# version the README's scores used.
LIGHTHOUSE_VERSION := 12.8.2
bench-lighthouse: system-packages-test install translations ## Lighthouse mobile scores of the start, a question, the numbers and the summary page
	@command -v npm >/dev/null || ./scripts/ensure-debian-packages nodejs npm
	@command -v lighthouse >/dev/null || npm install --global --no-fund --no-audit lighthouse@$(LIGHTHOUSE_VERSION)
	$(PYTHON) bench/lighthouse.py $(ARGS)

clean: ## Remove the virtualenv and build leftovers
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
