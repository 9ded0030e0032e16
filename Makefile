# newsdistill — everything a user or CI needs starts here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: demo test lint eval bench clean-warehouse

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsdistill ingest seeds/
	$(BIN)/newsdistill query "SELECT title, site_name, published_at, word_count AS words, removed_blocks FROM articles_latest ORDER BY published_at"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 3 --dist loadfile  # three processes: many tests wait on servers and schedules

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

eval: $(STAMP)
	$(BIN)/newsdistill eval aeb --path html --split all
	$(BIN)/newsdistill eval aeb --path text --split all
	$(BIN)/newsdistill eval wcxb --path html --split holdout
	$(BIN)/newsdistill eval wcxb --path text --split holdout
	$(BIN)/newsdistill eval renderers aeb --split holdout
	$(BIN)/newsdistill eval renderers wcxb --split holdout
	$(BIN)/newsdistill eval markdown --path html --split holdout
	$(BIN)/newsdistill eval markdown --path text --renderer html2text --split holdout
	$(BIN)/newsdistill eval metadata --path html --split holdout
	$(BIN)/newsdistill eval metadata --path text --split holdout

bench: $(STAMP)
	$(BIN)/newsdistill bench

clean-warehouse:
	rm -rf warehouse/catalog.sqlite* warehouse/data warehouse/search.duckdb warehouse/.write.lock
