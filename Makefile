# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint schemas clean

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

test: $(VENV)/.test-deps         ## the test suite CI runs
	$(BIN)/ruff check scripts tests
	$(BIN)/python -m pytest -q

schemas: $(BIN)/bulletin         ## regenerate schemas/ from the data model
	$(BIN)/bulletin schema --out schemas

clean:
	rm -rf site .site.* $(VENV)
