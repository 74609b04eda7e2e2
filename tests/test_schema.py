"""The shipped JSON Schema is generated from the validator's field table and agrees with it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from genealogy import check
from genealogy.record.schema import SCHEMA_FILE, schema_text

from .conftest import CASES, REAL_DATA

# Invalid cases whose problems are about shape, which the schema alone must also reject.
SHAPE_CASES = ["invalid-id", "invalid-value", "missing-field", "unknown-key", "wrong-type", "invalid-date"]


def as_json(path: Path) -> object:
    """The file as an editor's YAML 1.2 language server would see it (dates as text)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_shipped_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `make schema`"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def loosen(data: object) -> object:
    """BaseLoader reads every scalar as text; turn the booleans back into booleans."""
    if isinstance(data, dict):
        return {k: (v == "true" if k == "disputed" else loosen(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [loosen(item) for item in data]
    return data


@pytest.mark.parametrize("path", [REAL_DATA, *sorted((CASES / "valid").glob("*.yaml"))], ids=lambda p: p.stem)
def test_schema_accepts_what_the_validator_accepts(path: Path) -> None:
    assert check(path).errors == []
    errors = [e.message for e in validator().iter_errors(loosen(as_json(path)))]
    assert errors == []


@pytest.mark.parametrize("name", SHAPE_CASES)
def test_schema_rejects_what_the_validator_rejects_for_shape(name: str) -> None:
    path = CASES / "invalid" / f"{name}.yaml"
    assert check(path).errors
    assert list(validator().iter_errors(loosen(as_json(path))))


def test_data_file_points_editors_at_the_schema() -> None:
    first = REAL_DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../genealogy/schema/genealogy.schema.json"
    assert (REAL_DATA.parent / "../genealogy/schema/genealogy.schema.json").resolve() == SCHEMA_FILE.resolve()
