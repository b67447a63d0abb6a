# Two commands do everything on a fresh machine: `make site` and `make test`. `make` alone lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
APT    := scripts/make/apt-install
# MkDocs 2.0 drops plugins and Material 9.x ends in May 2027: the notice about it is for the
# developers (README: "Status of the stack"), not for every editor's build.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help site site-offline serve test test-browser test-office test-deploy chromium office nginx print-deps print-deps-if-on \
	schemas bench clean venv-replace

help:                            ## list the targets with what they do
	@echo "make <target>:"
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z][a-z-]*:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# A venv whose Python is missing, broken or older than 3.11 is replaced, not left to fail every run.
ifneq ($(shell $(BIN)/python -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null),True)
$(BIN)/bulletin: venv-replace
endif

venv-replace:
	@if [ -e $(VENV) ]; then echo "$(VENV) dùng Python hỏng hoặc cũ hơn 3.11: tạo lại"; rm -rf $(VENV); fi

$(BIN)/bulletin: pyproject.toml requirements.lock
	test -x $(BIN)/python || "$$(scripts/make/python-for-venv $(PYTHON))" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/bulletin
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# The print edition (PDF of every issue) needs pango and fonts with every Vietnamese letter, from
# Debian; its tests read the PDFs with poppler-utils. Installed only when something is missing.
PRINT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-noto-core fonts-dejavu-core poppler-utils
print-deps: $(BIN)/bulletin      ## Debian packages for the PDF print edition (needs root or sudo when missing)
	@$(BIN)/python -c "import weasyprint" 2>/dev/null && fc-list | grep -q NotoSerif-Regular \
	  && command -v pdftotext >/dev/null || $(APT) "bản in PDF" $(PRINT_PACKAGES)

# Only when mkdocs.yml (or BULLETIN_PRINT_EDITION) leaves the print edition on; a broken mkdocs.yml
# is for the build to report.
print-deps-if-on: $(BIN)/bulletin
	@if $(BIN)/bulletin print-edition --quiet 2>/dev/null; then $(MAKE) --no-print-directory print-deps; fi

site: $(BIN)/bulletin print-deps-if-on ## build site/ from content/ and topics/ (the old site stays if it fails)
	$(BIN)/bulletin build --strict

site-offline: $(BIN)/bulletin print-deps-if-on ## build site-offline/, to open from file:// (a USB stick); search works there too
	BULLETIN_OFFLINE=true $(BIN)/bulletin build --strict -d site-offline

serve: $(BIN)/bulletin           ## preview with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve

test: $(VENV)/.test-deps print-deps ## lint (ruff), types (mypy), unit and build tests (a few minutes)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not browser and not office and not deploy"

$(VENV)/.browser-deps: $(VENV)/.test-deps
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,browser]'
	touch $@

chromium:                        ## Debian's Chromium for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null || $(APT) "các bài kiểm tra trên trình duyệt" chromium fonts-noto-core

OFFICE_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 fonts-noto-core poppler-utils
office:                          ## headless LibreOffice (Writer, Calc) and poppler, to open generated .docx/.xlsx and look at PDFs
	@dpkg -s $(OFFICE_PACKAGES) >/dev/null 2>&1 || $(APT) "LibreOffice" --no-install-recommends $(OFFICE_PACKAGES)

# axe-core (the accessibility checker the browser tests inject into pages), pinned by the lock file.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-browser: $(VENV)/.browser-deps chromium office $(AXE)   ## headless Chromium (and LibreOffice) tests over the real sample site
	$(BIN)/python -m pytest -q -m browser tests/browser

test-office: $(VENV)/.test-deps office   ## LibreOffice Calc opens the data-entry template (PDF, PNG)
	$(BIN)/python -m pytest -q -m office tests

nginx:                           ## Debian's nginx for the deploy tests (needs root or sudo)
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || $(APT) "các bài kiểm tra triển khai" nginx

test-deploy: $(VENV)/.test-deps nginx   ## a real nginx on 127.0.0.1 serving published releases (README: Deployment)
	$(BIN)/python -m pytest -q -m deploy tests/deploy

schemas: $(BIN)/bulletin         ## regenerate schemas/ from the data model
	$(BIN)/bulletin schema --out schemas

clean:                           ## remove the built sites, build/ and the venv
	rm -rf site site-offline .site.* .site-offline.* build $(VENV) tests/browser/node_modules

bench: $(BIN)/bulletin           ## speed and size, ours vs plain MkDocs vs Markdown floor (several minutes)
	$(BIN)/bulletin bench --cells $(or $(CELLS),1000) --years $(or $(YEARS),5)
