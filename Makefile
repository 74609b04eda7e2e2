# Two commands do all set-up on a fresh machine with only Python 3.11+:
#   make chart   -> creates .venv, installs the package, renders the whole record into output/
#   make test    -> creates .venv, installs the package with test tools, runs the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup chart test lint format bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

chart: $(STAMP)
	$(BIN)/genealogy validate data/orgs.yaml
	$(BIN)/genealogy lineage fourth-international --descendants

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the shipped JSON Schema from the field table in genealogy/schema.py.
schema: $(STAMP)
	$(BIN)/python -c "from genealogy.schema import SCHEMA_FILE, schema_text; SCHEMA_FILE.write_text(schema_text(), encoding='utf-8')"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
