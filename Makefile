# Jisr Academy — the whole set-up is `make run` (demo) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
DEPS_STAMP := $(VENV)/.deps-installed
NODE_STAMP := node_modules/.npm-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Two test processes (pytest-xdist): the suite takes about half as long on two cores.
PYTEST_ARGS ?= -n 2

.PHONY: help install run test test-fast worker messages compile-messages system-deps lock check clean

help:
	@echo "make run      install, migrate an SQLite database, load the demo, serve http://$(HOST):$(PORT)"
	@echo "make test     run the whole test suite"
	@echo "make worker   a Celery worker with beat (needs REDIS_URL)"
	@echo "make messages extract translatable strings into the ar/fr catalogues"
	@echo "make lock     re-resolve requirements.lock from pyproject.toml"

$(DEPS_STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

# The H5P player comes from npm; without npm the site works and the H5P
# block says the player is not installed.
$(NODE_STAMP): $(wildcard package-lock.json)
	@if [ -f package-lock.json ] && command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm or package-lock.json not found: skipping the H5P player"; \
	fi

install: $(DEPS_STAMP)
	@-$(MAKE) --no-print-directory $(NODE_STAMP)

compile-messages: install
	$(MANAGE) compile_catalogues

run: install compile-messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

# Browser tests need Debian's Chromium and PDF tests need poppler-utils;
# install them when we can (root with apt), otherwise those tests skip.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing$$missing"; \
			(apt-get install -y -q $$missing >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $$missing >/dev/null)) \
				|| echo "Could not install$$missing: the tests that need them will be skipped"; \
		else \
			echo "Missing$$missing (install with apt): the tests that need them will be skipped"; \
		fi; \
	fi

test: install compile-messages system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

worker: install
	@test -n "$$REDIS_URL" || (echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run a worker" && exit 1)
	$(BIN)/celery -A config worker --beat --loglevel=INFO

messages: | $(DEPS_STAMP)
	DJANGO_ADMIN=$(abspath $(BIN))/django-admin sh scripts/messages.sh

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lock:
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-find-links --no-emit-index-url -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules test-artifacts
