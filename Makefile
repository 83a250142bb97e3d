# MitWirkung: `make run` starts the app with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist, a database each); files stay whole so module fixtures run once.
TEST_WORKERS ?= auto

.PHONY: run test install lint format messages serve-prod clean

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
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
