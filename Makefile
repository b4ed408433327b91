# Two commands: `make run` starts the app, `make test` runs the whole suite.
# Each creates .venv and installs what it needs first.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: run run-postgis postgis test node data data-check screenshot bench bench-analysis bench-appspeed bench-heat bench-map bench-postgis bench-timeline clean

# The pinned requirements, then the project itself (editable: the `darien-map` console script,
# package data, no sys.path edits anywhere). --no-deps: the pins above are what runs.
$(VENV)/.run-deps: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.run-deps requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Browser tests use Debian's Chromium (Playwright's own download cannot work here).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

# `node --check` proves the map's JavaScript files parse (tests/webmap/test_js.py); Debian's nodejs if none.
node:
	@command -v node >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs >/dev/null; }

run: $(VENV)/.run-deps
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# PostgreSQL 15 + PostGIS 3 from Debian's packages, if missing (the store tests and run-postgis need them).
PG_BIN := /usr/lib/postgresql/15/bin
POSTGIS_CONTROL := /usr/share/postgresql/15/extension/postgis.control
postgis:
	@if [ ! -x $(PG_BIN)/initdb ] || [ ! -f $(POSTGIS_CONTROL) ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null; \
	fi

# The app on a local PostGIS cluster under ./var/pg (initdb/pg_ctl; as root, as the postgres user).
run-postgis: $(VENV)/.run-deps postgis
	DARIEN_STORE="$$($(PY) -m scripts.pgcluster start var/pg)" && export DARIEN_STORE && \
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Lint and format check first (ruff, configured in pyproject.toml): findings fail the run.
test: $(VENV)/.test-deps $(CHROMIUM) node postgis
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

# Rebuild data/ from data/sources/ (see scripts/build_data.py); data-check only compares.
data: $(VENV)/.test-deps
	$(PY) -m scripts.build_data

data-check: $(VENV)/.test-deps
	$(PY) -m scripts.build_data --check

clean:
	rm -rf $(VENV) static/vendor .pytest_cache test-artifacts

# Refresh the README's pictures from the browser tests: docs/screenshot.png, screenshot-en.png,
# screenshot-phone.png, screenshot-labels-es.png and screenshot-labels-en.png.
screenshot: $(VENV)/.test-deps $(CHROMIUM) postgis
	UPDATE_SCREENSHOT=1 $(PY) -m pytest tests/browser/test_app.py -k draws_offline -q
	UPDATE_SCREENSHOT=1 $(PY) -m pytest tests/browser/test_languages_access.py -k screenshots -q
	UPDATE_SCREENSHOT=1 $(PY) -m pytest tests/browser/test_readable.py -q

# Benchmarks (not part of the tests): ours against a naive baseline, same run, printed as a table.
bench-analysis: $(VENV)/.run-deps
	$(PY) -m bench.analysis

bench-map: $(VENV)/.test-deps $(CHROMIUM)
	$(PY) -m bench.map

# The "as of" control: each month step in the browser against a full rebuild (bundled and 100,000 features).
bench-timeline: $(VENV)/.test-deps $(CHROMIUM)
	$(PY) -m bench.timeline

# Database layers (#13): 5,000,000 points and 200,000 lines in a throwaway PostGIS, our views against read_postgis + map.
bench-postgis: $(VENV)/.run-deps postgis
	$(PY) -m bench.postgis

# A big point layer as a heat map: ours against folium's HeatMap plugin, in Chromium.
bench-heat: $(VENV)/.test-deps $(CHROMIUM)
	$(PY) -m bench.heat

# The default map in the running app against the same map in a bare Streamlit page, side by side.
bench-appspeed: $(VENV)/.test-deps $(CHROMIUM)
	$(PY) -m bench.appspeed

# bench-postgis is left out of `make bench`: it builds 5,000,000 rows (minutes); run it on its own.
bench: bench-analysis bench-heat bench-map bench-timeline bench-appspeed
