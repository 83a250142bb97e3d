# MitWirkung: `make run` starts the app with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist, a database each); files stay whole so module fixtures run once.
TEST_WORKERS ?= auto

.PHONY: run test install lint format messages serve-prod clean backup restore screenshots

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MitWirkung needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create .venv: on Debian/Ubuntu install python3-venv first (apt install python3-venv)."; exit 1; }
	@# The pip that venv brings (23.x on Debian 12) cannot read the lock's extras; a newer one can.
	$(PIP) install --quiet --disable-pip-version-check --upgrade 'pip>=25'
	$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

install: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py compile_translations

run: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo
	@echo ""
	@echo "MitWirkung is running at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo "Log in as koordination, fachkraft or politik, password: mitwirkung"
	@echo ""
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=mitwirkung.test_settings
	@# bandit runs as tests/test_bandit.py, beside the other tests on the second core.
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

# The browser walks with full-page PNGs at phone and desktop width in test-artifacts/.
screenshots: install
	MITWIRKUNG_SCREENSHOTS=1 $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile tests/browser

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Extract new texts into the German and English catalogues (needs gettext's xgettext).
messages: install
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l de -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	DJANGO_DEBUG=1 $(PY) manage.py compile_translations

# Re-lock after changing dependencies in pyproject.toml.
lock: install
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --generate-hashes -o requirements.lock pyproject.toml

# Backup of the database (pg_dump -Fc or a SQLite copy), MEDIA_ROOT and a manifest of row counts
# into a new folder: `make backup` (backups/<date-time>/) or `make backup BACKUP_DIR=/srv/x`.
backup: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py backup "$${BACKUP_DIR:-backups/$$(date +%Y-%m-%d-%H%M%S)}"

# Restore one: `make restore BACKUP_DIR=backups/2026-05-04-023000` (add FORCE=1 to replace a
# database that holds data); every table's row count is checked against the manifest.
restore: install
	@test -n "$(BACKUP_DIR)" || { echo "Please name the backup: make restore BACKUP_DIR=backups/<folder>"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py restore "$(BACKUP_DIR)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
