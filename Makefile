# orgchart — see README.md. Every target works from a fresh clone.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: setup run test lint bench bench-quick demo backup restore clean screenshots

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install -q --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -c "import django, mptt, graphene, openpyxl"
	@touch $(STAMP)

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo --if-empty
	$(PY) manage.py apply_scheduled_changes
	$(PY) manage.py ensure_local_admin
	$(PY) manage.py runserver $(HOST)

test: setup
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .

# A PNG of each page with the demo data into docs/screenshots/ (Debian's chromium, headless).
screenshots: setup
	$(PY) -m orgchart.web.browser.screenshots docs/screenshots

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo

bench: setup
	$(PY) -m bench.run --scale national

bench-quick: setup
	$(PY) -m bench.run --scale quick

backup: setup
	$(PY) manage.py backup $(or $(DIR),backup)

restore: setup
	$(PY) manage.py restore $(or $(DIR),backup)

clean:
	rm -rf $(VENV) db.sqlite3
