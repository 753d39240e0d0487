# Two promises: `make run` starts the application with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run PORT=8001` when 8000 is taken; SITE_URL (links in mails) follows unless set.
PORT ?= 8000
# The suite in two processes (pytest-xdist), one per core of the CI machine; `TEST_WORKERS=0`
# runs it in one.
TEST_WORKERS ?= 2
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint format install clean screens

$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(BIN)/python manage.py demo_data
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite runs on the embedded SQLite database, then again on PostgreSQL when
# TEST_POSTGRES_URL names a server (.ci/run starts one); PostgreSQL-only tests skip without it.
# With PostgreSQL, the browser journeys run once, there (the servers' database): a third of the
# SQLite run's time, which kept CI over its 20 minutes on a slow machine.
test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		$(BIN)/pytest -n $(TEST_WORKERS) -m "not browser" && \
		echo "== again on PostgreSQL, with the browser journeys ==" && \
		DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/pytest -n $(TEST_WORKERS); \
	else \
		$(BIN)/pytest -n $(TEST_WORKERS) && \
		echo "TEST_POSTGRES_URL is not set: the PostgreSQL run is left out (see README)."; \
	fi

# Screenshots of the staff and public pages at 390 and 1366 px, from a temporary demo database.
screens: $(STAMP)
	PLAYWRIGHT_CHROMIUM=$${PLAYWRIGHT_CHROMIUM:-/usr/bin/chromium} $(BIN)/python tools/screens.py var/screens

clean:
	rm -rf $(VENV) var db.sqlite3
