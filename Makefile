# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-browser test-deploy chromium nginx schemas clean

$(BIN)/bulletin: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/bulletin
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

site: $(BIN)/bulletin            ## build site/ from content/ and topics/ (the old site stays if it fails)
	$(BIN)/bulletin build --strict

serve: $(BIN)/bulletin           ## preview with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve

test: $(VENV)/.test-deps         ## lint, unit and build tests (a few minutes)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python -m pytest -q -m "not browser and not deploy"

$(VENV)/.browser-deps: $(VENV)/.test-deps
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,browser]'
	touch $@

chromium:                        ## Debian's Chromium for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

test-browser: $(VENV)/.browser-deps chromium   ## headless Chromium tests over the real sample site
	$(BIN)/python -m pytest -q -m browser tests/browser

nginx:                           ## Debian's nginx for the deploy tests (needs root or sudo)
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

test-deploy: $(VENV)/.test-deps nginx   ## a real nginx on 127.0.0.1 serving published releases (README: Deployment)
	$(BIN)/python -m pytest -q -m deploy tests/deploy

schemas: $(BIN)/bulletin         ## regenerate schemas/ from the data model
	$(BIN)/bulletin schema --out schemas

clean:
	rm -rf site .site.* build $(VENV)
