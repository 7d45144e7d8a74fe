# Two commands for a newcomer: `make serve` and `make test`.
# Both create .venv and install the pinned requirements on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check clean offline pdf publish
.PHONY: schema review

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: $(STAMP) ## Preview on http://127.0.0.1:8000, rebuilding on changes to docs/, data/ and macros/
	$(PY) -m mkdocs serve

test: $(STAMP) ## Every test, browser tests included (Chromium is installed if missing)
	@scripts/ensure-chromium
	$(PY) -m pytest

build: $(STAMP) ## Build the site into site/ (only replaced when the whole build succeeds)
	@rm -rf site.partial
	$(PY) -m mkdocs build --strict --site-dir site.partial
	@rm -rf site && mv site.partial site

offline: $(STAMP) ## Offline copy that works from file://, search included: dist/bht-handbook-offline.zip
	@rm -rf build/offline
	BHT_OFFLINE=true $(PY) -m mkdocs build --strict --site-dir build/offline
	$(PY) scripts/package_offline.py build/offline dist/bht-handbook-offline.zip

pdf: offline ## The whole handbook as one PDF with a cover and contents: dist/bht-handbook.pdf
	@scripts/ensure-chromium
	$(PY) scripts/build_pdf.py build/offline dist/bht-handbook.pdf

publish: pdf ## The complete site in site/: strict build, data downloads, PDF and offline zip (site/ replaced only on success)
	@rm -rf site.partial
	BHT_EXTRA_DOWNLOADS=dist $(PY) -m mkdocs build --strict --site-dir site.partial
	@test -s site.partial/downloads/bht-handbook.pdf && test -s site.partial/downloads/bht-handbook-offline.zip \
	  && test -s site.partial/downloads/checklists.csv || { echo "publish: downloads missing from the build" >&2; exit 1; }
	@rm -rf site && mv site.partial site
	@echo "Published into site/"

check: $(STAMP) ## Validate data/ without building the site
	$(PY) -m macros check

.PHONY: serve test build check clean offline pdf publish
.PHONY: schema review
.PHONY: bench
bench: $(STAMP) ## Benchmark: engine overhead, data and page scaling, page weight, Lighthouse (prints a table)
	@test -x bench/node_modules/.bin/lighthouse || npm ci --prefix bench --no-audit --no-fund
	$(PY) bench/run.py

clean:
	rm -rf site site.partial .pytest_cache build dist
