# Two commands do all set-up on a fresh machine with only Python 3.11+:
#   make chart   -> creates .venv, installs the package, renders the whole record into output/
#   make test    -> creates .venv, installs the package with test tools, runs the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two levels of set-up: the tool alone (what `make chart` needs), and the tool with the test and
# lint tools (pytest, hypothesis, playwright, ruff, mypy: what `make test` and `make lint` need).
TOOL_STAMP := $(VENV)/.tool-stamp
STAMP := $(VENV)/.dev-stamp

.PHONY: setup chart docs-charts test lint typecheck format bench schema clean

# Python 3.11's venv comes with setuptools, whose .pth file runs at every start of Python (1.7 ms
# of each command); hatchling builds the package, so the venv needs none.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip uninstall --quiet --yes setuptools

$(TOOL_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(TOOL_STAMP)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(TOOL_STAMP) $(STAMP)

setup: $(STAMP)

# The main job: the whole record as a timeline and as a family tree, in output/: SVG always,
# and PDF when system Graphviz is there (the timeline on one A1 landscape sheet).
chart: $(TOOL_STAMP)
	$(BIN)/genealogy validate data/orgs.yaml
	$(BIN)/genealogy render --layout timeline -o output/genealogy-timeline.svg
	$(BIN)/genealogy render -o output/genealogy.svg
	@if command -v dot >/dev/null 2>&1; then \
	  $(BIN)/genealogy render --layout timeline --page A1 --landscape -o output/genealogy-timeline-A1.pdf && \
	  $(BIN)/genealogy render -o output/genealogy.pdf; \
	else echo "no system Graphviz: SVG only (apt install graphviz for PDF and PNG)"; fi

# The charts shown in the README.
docs-charts: $(TOOL_STAMP)
	$(BIN)/genealogy render --layout timeline -o docs/timeline.svg
	$(BIN)/genealogy render --layout timeline --page A1 --landscape -o docs/timeline-a1.svg
	$(BIN)/genealogy render -o docs/genealogy.svg
	$(BIN)/genealogy render --layout timeline --focus imt --ancestors -o docs/imt-timeline.svg
	$(BIN)/genealogy render --focus imt --ancestors -o docs/imt-ancestors.svg
	@if [ -f ../shared/datasets/linux-timeline/ldt.csv ]; then \
	  $(BIN)/genealogy import gnuclad ../shared/datasets/linux-timeline/ldt.csv -o output/linux.yaml --force && \
	  $(BIN)/genealogy render --data output/linux.yaml --layout timeline -o docs/linux-timeline.svg; \
	else echo "no ../shared/datasets/linux-timeline/ldt.csv: docs/linux-timeline.svg left as it is"; fi

# Timings at 100, 1,000 and 10,000 organisations against their floors, into BENCHMARKS.md;
# then the whole real record's render against Graphviz alone.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/render_speed.py --append BENCHMARKS.md

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the shipped JSON Schema from the field table in genealogy/schema.py.
schema: $(TOOL_STAMP)
	$(BIN)/python -c "from genealogy.record.schema import SCHEMA_FILE, schema_text; SCHEMA_FILE.write_text(schema_text(), encoding='utf-8')"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
