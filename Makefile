# Kyodo: `make run` serves the demo center on http://127.0.0.1:8000/, `make test` runs every test.
# Another address or port: `make run BIND=127.0.0.1:8103` (SITE_URL, the address in mailed links,
# follows it unless SITE_URL is set).
PYTHON ?= $(shell scripts/find-python)
BIND ?= $(or $(KYODO_BIND),127.0.0.1:8000)
SITE_URL ?= http://$(BIND)
VENV := .venv
BIN := $(VENV)/bin
KYODO := $(BIN)/kyodo
PYTEST_ARGS ?= -n 2

.PHONY: install install-prod run serve test test-fast lint format messages bench clean

# The catalogues compile with gettext's msgfmt where it is installed, else with polib.
install: $(VENV)/.installed
	@$(BIN)/python scripts/compile-messages

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || (echo "Kyodo needs Python 3.12 or newer" >&2; exit 1)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# A server: Kyodo and what runs the site only, without the development and test tools (pytest,
# ruff, playwright, moto …). The checkout is installed in place, as by `make install`; polib
# (to compile the catalogue) only where gettext's msgfmt is missing.
install-prod: $(VENV)/.installed-prod
	@$(BIN)/python scripts/compile-messages

$(VENV)/.installed-prod: pyproject.toml
	@test -n "$(PYTHON)" || (echo "Kyodo には Python 3.12 以上が必要です" >&2; exit 1)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	command -v msgfmt >/dev/null || $(BIN)/python -m pip install --quiet 'polib>=1.2'
	@touch $@

# The demo queues mail (確認依頼 …) whose links are written when queued: it gets the same SITE_URL
# as the server, so that they lead to the address the site is served at.
run: install
	$(KYODO) migrate --noinput
	SITE_URL='$(SITE_URL)' $(KYODO) demo
	$(KYODO) collectstatic --noinput -v 0
	SITE_URL='$(SITE_URL)' $(KYODO) serve --bind '$(BIND)'

test: install
	scripts/system-packages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the Japanese catalogue from the source (English msgids), then translate the new entries.
messages: install
	scripts/messages

bench: install
	scripts/system-packages bench
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache
