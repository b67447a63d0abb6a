# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-offline serve test test-browser chromium schemas clean

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

site-offline: $(BIN)/bulletin    ## build site-offline/, to open from file:// (a USB stick); search works there too
	BULLETIN_OFFLINE=true $(BIN)/bulletin build --strict -d site-offline

serve: $(BIN)/bulletin           ## preview with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve

test: $(VENV)/.test-deps         ## lint, unit and build tests (a few minutes)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python -m pytest -q -m "not browser"

$(VENV)/.browser-deps: $(VENV)/.test-deps
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,browser]'
	touch $@

chromium:                        ## Debian's Chromium for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

test-browser: $(VENV)/.browser-deps chromium   ## headless Chromium tests over the real sample site
	$(BIN)/python -m pytest -q -m browser tests/browser

schemas: $(BIN)/bulletin         ## regenerate schemas/ from the data model
	$(BIN)/bulletin schema --out schemas

clean:
	rm -rf site site-offline .site.* .site-offline.* build $(VENV)
