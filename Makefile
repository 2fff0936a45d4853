# LEA Corner: `make run` serves the portal on http://127.0.0.1:8000; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export PYTHONDONTWRITEBYTECODE := 1
# pytest-xdist workers for `make test`; more than the cores, as the browser and database tests
# spend much of their time waiting (measured in the closing note of issue 11); worksteal, so the
# long browser journeys do not leave workers idle at the end (.ci/run 15:22 -> 14:07).
TEST_WORKERS ?= 3
# More pytest arguments for `make test` (.ci/run's PostgreSQL pass leaves out the browser tests).
PYTEST_ARGS ?=

.PHONY: run test fuzz worker lint format bench clean chromium vendor fonts

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Python's venv module is missing: install the Debian package python3-venv." >&2; exit 1; fi; }

$(STAMP): $(PY) pyproject.toml
	@rm -f $(VENV)/.installed-*
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

run: export DEBUG ?= 1
run: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py create_demo_accounts
	@echo "Starting the task worker and the web server on http://127.0.0.1:8000 (Ctrl-C stops both)"
	@$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:8000

worker: $(STAMP)
	$(PY) manage.py db_worker --queue-name '*'

chromium:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium and chromium-driver for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "The browser tests need Chromium: install the Debian packages chromium and chromium-driver." >&2; exit 1; fi; }

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: $(STAMP) chromium lint
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal --hypothesis-profile=ci $(PYTEST_ARGS)

# The fuzz tests alone, 400 inputs per property test (docs/reliability.md).
fuzz: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load tests/fuzz --hypothesis-profile=deep \
	  --hypothesis-show-statistics

bench: $(STAMP)
	$(PY) bench/run_all.py $(BENCH_ARGS)

# Cut the four web fonts every page uses to English and Spanish (scripts/subset_fonts.py).
fonts: $(STAMP)
	$(PY) scripts/subset_fonts.py

# Re-fetch the pinned USWDS release with npm and vendor only the files the portal uses
# (standard library only, so no virtualenv is needed; see static/vendor/uswds/VENDORED.md).
vendor:
	$(PYTHON) scripts/vendor_uswds.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
