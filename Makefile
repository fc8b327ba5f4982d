# Aufbruch — see README.md. Every target installs what it needs first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: install run test test-fast bench messages lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e ".[dev,pdf]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py build_fonts -v0

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py seed_demo
	PORT=$(PORT) HOST=$(HOST) bin/serve  # sets SITE_URL=http://$(HOST):$(PORT) unless given

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	bin/bench

messages: install
	$(BIN)/python manage.py update_translations

lint: install
	$(BIN)/ruff check aufbruch
	$(BIN)/ruff format --check aufbruch
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules staticfiles build var
