# Two entry points a new user needs: `make run` (the explorer) and `make test` (everything CI runs).
# Both set themselves up: a virtual environment in .venv, and the Debian packages the checks use.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run curate test setup system lint build bench clean messages

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Java runs the HermiT reasoner; Chromium drives the browser tests; Virtuoso is the second remote
# store the tests run against (started by them on free ports, never as a service). Installed only when missing.
system:
	@missing=""; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: setup
	$(BIN)/stancekg build

run: setup
	$(BIN)/stancekg build
	$(BIN)/streamlit run app.py --server.headless true --server.port $(PORT) --browser.gatherUsageStats false

# The explorer with its Curate page: writes the curated files, so it listens on this machine only.
curate: setup
	STANCEKG_CURATE=1 $(BIN)/streamlit run app.py --server.headless true --server.address 127.0.0.1 \
		--server.port $(PORT) --browser.gatherUsageStats false

lint: setup
	$(BIN)/ruff check .

# Two processes, each taking whole test files (a file's servers and browser are started once): most
# tests wait on a subprocess, a server or Chromium, so this takes about 10 min where one takes 14.
test: setup system lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Stores at a million triples against raw pyoxigraph: a few minutes; prints a table, writes JSON.
bench: setup
	$(BIN)/python benchmarks/run.py --triples 1000000 --json build/bench/results.json
	$(BIN)/python benchmarks/signatories.py --signatories 10000

clean:
	rm -rf $(VENV) build .pytest_cache

# The interface's messages: extract every _()/N_() string, then merge them into each language's catalog
# (kg/locale/LANG/LC_MESSAGES/messages.po, read at run time: nothing to compile).
messages: setup
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -o kg/locale/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i kg/locale/messages.pot -d kg/locale -l es
