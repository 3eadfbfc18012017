# Caselog: `make run` serves the demo, `make test` runs every check on SQLite and PostgreSQL.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/caselog
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint types layers migrations-check test-sqlite test-postgres test-moved-clock deps browser postgres mailserver redis messages serve clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

deps: $(VENV)/.installed node_modules/.installed

run: deps
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(MAKE) --no-print-directory serve

# The web server with the background worker in the same process (gunicorn.conf.py);
# production runs `manage.py db_worker` separately with CASELOG_EMBEDDED_WORKER=0.
# MALLOC_ARENA_MAX: glibc gives each thread its own heap arena otherwise, and the web and
# worker threads' arenas add up to hundreds of MB of fragmentation.
serve:
	MALLOC_ARENA_MAX=$${MALLOC_ARENA_MAX:-2} $(VENV)/bin/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: deps
	$(VENV)/bin/mypy caselog benchmarks

migrations-check: deps
	mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || (pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && sleep 2)
	@pg_isready -h 127.0.0.1 -p 5432

# Shared rate-limit counters are tested against a real Redis (CACHE_URL in the README).
redis:
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || (command -v redis-server >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null); redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' && sleep 1)
	@redis-cli -h 127.0.0.1 -p 6379 ping

# The email channel's end-to-end tests start a private dovecot IMAP server of their own.
mailserver:
	@command -v dovecot >/dev/null || test -x /usr/sbin/dovecot || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null)

test-sqlite: deps browser mailserver redis
	mkdir -p var
	$(VENV)/bin/pytest -q

test-postgres: deps browser postgres mailserver redis
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q

# The suite again (all but the browser tests, whose Chromium and gunicorn keep the real
# clock) with the clock moved 400+ days ahead onto a Sunday, crossing the EU daylight-saving
# change: a test that depends on today fails here first. MOVED_CLOCK=... picks another moment.
MOVED_CLOCK ?= $(shell $(PYTHON) .ci/moved_clock_moment.py)
test-moved-clock: deps mailserver redis
	mkdir -p var
	TEST_DATABASE_NAME=var/test-moved-clock.sqlite3 $(VENV)/bin/pytest -q -m "not browser" --moved-clock=$(MOVED_CLOCK)

# The layer order of ARCHITECTURE.md: no import points up, none sideways, no cycle between apps.
layers: deps
	$(VENV)/bin/pytest -q caselog/core/tests/test_layers.py

test: lint types migrations-check layers test-sqlite test-moved-clock test-postgres

# Re-extract and compile the translations (needs GNU gettext); the .mo files are committed.
messages: deps
	cd caselog && ../$(PY) ../manage.py makemessages -l de -l ru --ignore 'node_modules/*' && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf var/static var/test-*.sqlite3
