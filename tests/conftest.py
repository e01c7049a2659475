"""Shared fixtures: one extractor for the whole run (loading spaCy is the slow part)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from sitreps import Extractor, Record
from sitreps.schema import validation_errors

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def gazetteer_file(tmp_path_factory) -> Path:
    """The default gazetteer, built once per test session shared by the gazetteer and places tests."""
    from sitreps.geo.build import build_default

    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    if not path.exists():
        build_default(path, progress=False)
    os.environ["SITREPS_GAZETTEER"] = str(path)
    return path


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def check_record(record: Record) -> dict:
    """Every record a test sees must match the schema, with every span equal to its evidence."""
    data = record.to_dict(include_text=True)
    errors = validation_errors(data)
    assert not errors, "\n".join(errors)
    return data


def _checked(ex: Extractor):
    def run(text: str, published: str | None = "2024-06-05", **meta) -> Record:
        record = ex(text, published=published, **meta)
        check_record(record)
        return record

    return run


@pytest.fixture
def extract(extractor):
    """extract(text, published=...) -> Record, schema-checked."""
    return _checked(extractor)


@pytest.fixture(scope="session")
def unjudged_extractor(extractor) -> Extractor:
    """The pipeline with the judge keeping every event (it still sets their confidence): for tests
    of what the stages before it find, on sentences too short to judge."""
    settings = replace(extractor.settings, stage_tables={**extractor.settings.stage_tables, "judge": {"min_probability": 0.0}})
    return Extractor(settings=settings, nlp=extractor.nlp)


@pytest.fixture
def extract_all(unjudged_extractor):
    """extract_all(text, published=...) -> Record, schema-checked, every candidate event kept."""
    return _checked(unjudged_extractor)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/*/expected.json from the current output.")
