"""Each rule module names its codes and its failing examples, and the examples produce those codes."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import genealogy.record.rules as rules
from genealogy import check

from .conftest import CASES

MODULES = sorted(m.name for m in pkgutil.iter_modules(rules.__path__) if m.name != "located")


@pytest.mark.parametrize("name", MODULES)
def test_a_rule_names_its_codes_and_its_examples_produce_them(name: str) -> None:
    module = importlib.import_module(f"genealogy.record.rules.{name}")
    doc = module.__doc__ or ""
    codes = {c.strip() for c in doc.split(":", 1)[0].replace("(notice)", "").split(",")}
    examples = set(re.findall(r"([\w-]+\.yaml)", doc))
    assert codes and examples, f"{name}: say its codes first, then name a failing example"
    found = {p.code for example in examples for p in check(CASES / "invalid" / example).problems}
    assert codes <= found, (name, codes - found)
    assert hasattr(module, "check")
