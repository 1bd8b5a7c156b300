# Two commands do everything: `make run` and `make test`. `make setup` is their shared,
# idempotent first half: quick when nothing changed.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev
PYTEST_ARGS ?=

.PHONY: setup run test lint pytest worker require-broker demo migrate print-fonts booklets system-packages format clean-db bench

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

system-packages:
	@bash scripts/system_packages.sh

migrate: $(VENV)/.installed
	@$(PY) manage.py migrate --noinput -v0

demo: migrate
	@$(PY) manage.py load_demo

print-fonts: $(VENV)/.installed
	@$(PY) manage.py prepare_print_fonts

booklets: demo print-fonts
	@$(PY) manage.py build_booklets

setup: system-packages $(VENV)/.installed migrate demo print-fonts booklets

run: setup
	@$(PY) manage.py demo_banner --url http://$(HOST):$(PORT)/
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pytest: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cms.settings.test $(VENV)/bin/pytest -q $(PYTEST_ARGS)

test: setup lint pytest

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# A real worker needs a broker; without CELERY_BROKER_URL tasks already run in-process.
require-broker:
	@[ -n "$$CELERY_BROKER_URL" ] || { echo "未设置 CELERY_BROKER_URL：任务已在进程内执行，无需 worker。例如：CELERY_BROKER_URL=redis://127.0.0.1:6379/0 make worker"; exit 1; }

worker: require-broker setup
	@mkdir -p var
	$(VENV)/bin/celery -A cms worker -B --schedule var/celerybeat-schedule -l info

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
