"""Every analysis keeps one contract (issue 19): its module holds SCHEMA, analyse, merge and
payload, and the API's schema table names the same schema. That merging per-document results
in any grouping gives one payload is each analysis's own test (test_kwic_usage_keywords,
test_themes, test_tfidf, test_listing, test_ngrams, test_collocates, test_compare,
test_discover), and serial, --jobs 2 and Dask alike is test_runner's."""

from __future__ import annotations

import importlib
import inspect

import pytest

from xzcli import api

# Command name -> the core module that holds its analysis.
ANALYSES = {
    "figures": "figures", "lint": "lint", "sections": "structure", "segment": "segment",
    "kwic": "kwic", "usage": "usage", "keywords": "keywords", "themes": "themes",
    "tfidf": "tfidf", "ngrams": "ngrams", "collocates": "collocates", "compare": "keyness",
    "discover": "discover",
}


def test_every_command_with_a_schema_has_an_analysis_module() -> None:
    assert set(ANALYSES) == set(api.SCHEMAS)


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_the_module_holds_the_contract(name: str) -> None:
    module = importlib.import_module(f"xzcli.{ANALYSES[name]}")
    assert module.SCHEMA == api.SCHEMAS[name]
    for function in ("analyse", "merge", "payload"):
        assert callable(getattr(module, function)), f"{name}: no {function}"
    # analyse takes a document and a segmenter first, whatever options follow.
    first = list(inspect.signature(module.analyse).parameters)[:2]
    assert first == ["doc", "segmenter"], f"{name}.analyse({', '.join(first)}, …)"
    assert len(inspect.signature(module.merge).parameters) >= 2
