# Two commands for a newcomer: `make serve` and `make test`.
# Both create .venv and install the pinned requirements on first use.
#
# ENGINE=mkdocs (the default: MkDocs + Material) or ENGINE=zensical. Zensical is
# installed only when it is chosen (requirements-zensical.txt).

PYTHON ?= python3
ENGINE ?= mkdocs
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
ZSTAMP := $(VENV)/.zensical-$(shell cat requirements-zensical.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast lint build check clean offline pdf publish schema review readability bench

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

$(ZSTAMP): $(STAMP) requirements-zensical.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@rm -f $(VENV)/.zensical-*
	@touch $@

ifeq ($(ENGINE),zensical)
ENGINE_STAMP := $(ZSTAMP)
else ifeq ($(ENGINE),mkdocs)
ENGINE_STAMP := $(STAMP)
else
$(error ENGINE must be mkdocs or zensical, not "$(ENGINE)")
endif

serve: $(ENGINE_STAMP) ## Preview on http://127.0.0.1:8000, rebuilding on changes to docs/, data/, the facility folder and the code
ifeq ($(ENGINE),zensical)
	$(PY) -m macros.zensical_site serve
else
	$(PY) -m mkdocs serve
endif

build: $(ENGINE_STAMP) ## Build the site into site/ (a failed build leaves no page behind)
ifeq ($(ENGINE),zensical)
	$(PY) -m macros.zensical_site build --site-dir site
else
	$(PY) -m mkdocs build --strict --site-dir site
endif

test: $(ZSTAMP) ## Every test, browser and both engines included (Chromium is installed if missing)
	@scripts/ensure-chromium
	$(PY) -m pytest -n 2 --cov --cov-branch --cov-report=term:skip-covered

test-fast: $(STAMP) ## Lint, data, model, loader, renderer and unit tests: no browser, at most one site build
	@$(MAKE) --no-print-directory lint
	$(PY) -m handbook check
	$(PY) -m pytest -n 2 -m "not slow and not browser" -q

lint: $(STAMP) ## ruff check, ruff format --check and mypy
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

check: $(STAMP) ## Validate data/ (and the facility folder) without building the site
	$(PY) -m handbook check

schema: $(STAMP) ## Regenerate schema/*.schema.json and .vscode/settings.json from the model
	$(PY) -m handbook schema

review: $(STAMP) ## Pages whose scheduled review is overdue or due within 30 days
	$(PY) -m handbook review

readability: $(STAMP) ## US grade level of each page; fails above grade 9
	$(PY) scripts/readability.py --max 9

offline: $(STAMP) ## Offline copy that works from file://, search included: dist/bht-handbook-offline.zip
	@rm -rf build/offline
	BHT_OFFLINE=true $(PY) -m mkdocs build --strict --site-dir build/offline
	$(PY) scripts/package_offline.py build/offline dist/bht-handbook-offline.zip

pdf: offline ## The whole handbook as one PDF with a cover and contents: dist/bht-handbook.pdf
	@scripts/ensure-chromium
	$(PY) scripts/build_pdf.py build/offline dist/bht-handbook.pdf

publish: pdf ## The complete site in site/: strict build, data downloads, PDF and offline zip
	BHT_EXTRA_DOWNLOADS=dist $(PY) -m mkdocs build --strict --site-dir site
	@test -s site/downloads/bht-handbook.pdf && test -s site/downloads/bht-handbook-offline.zip \
	  && test -s site/downloads/checklists.csv || { echo "publish: downloads missing from the build" >&2; exit 1; }
	@echo "Published into site/"

bench: $(ZSTAMP) ## Benchmark: engine overhead, Zensical against MkDocs, reload, data and page scaling, page weight, profile (prints a table)
	@test -x bench/node_modules/.bin/lighthouse || npm ci --prefix bench --no-audit --no-fund
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site site.partial .pytest_cache build dist
