"""`sitreps extract`, `sitreps ingest` and `sitreps batch` read a JSON Lines line the same way:
the same documents (ids, dates, field aliases) and the same coded refusals, line for line."""

from __future__ import annotations

import json

import pytest

from sitreps.batch.inputs import read_jsonl
from sitreps.ingest import Rejected, read_input
from sitreps.ingest.sources import Unreadable, read_sources

TEXT = "Shelling killed two people in Kharkiv on Monday, the governor said."
LINES = [
    json.dumps({"id": "a", "text": TEXT, "published": "2024-06-05"}),
    json.dumps({"doc_id": 17, "dct": "2024-06-04", "text": TEXT}),  # GVA-style aliases, a numeric id
    json.dumps({"id": 3.5, "text": TEXT}),
    "{not json",
    json.dumps(["a list", TEXT]),
    json.dumps({"id": "no-text", "title": "only a title"}),
    json.dumps({"id": "bad-date", "text": TEXT, "published": 20240605}),
    json.dumps({"id": "bad-title", "text": TEXT, "title": ["x"]}),
    json.dumps({"id": "empty", "text": ""}),
]


def _outcome(item) -> tuple:
    """(code, None) for a refusal, (None, id, published) for a document."""
    if isinstance(item, Rejected):
        return (item.error.code, item.id)
    if isinstance(item, Unreadable):
        return (item.code, item.document_id)
    if "error" in item:
        return (item["error"].code, None)
    return (None, item["id"], item.get("published"))


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def test_extract_ingest_and_batch_read_every_line_alike(jsonl):
    extract = [_outcome(i) for i in read_input(str(jsonl))]
    ingest = [_outcome(i) for i in read_sources([str(jsonl)])]
    batch = [_outcome(i) for i in read_jsonl(str(jsonl), 0, 1)]
    assert len(extract) == len(ingest) == len(batch) == len(LINES)
    assert [o[0] for o in extract] == [o[0] for o in ingest] == [o[0] for o in batch] == \
        [None, None, None, "S109", "S110", "S110", "S106", "S116", "S104"]
    documents = [o for o in extract if o[0] is None]
    assert documents == [o for o in ingest if o[0] is None] == [o for o in batch if o[0] is None]
    assert documents == [(None, "a", "2024-06-05"), (None, "17", "2024-06-04"), (None, "3.5", None)]


def test_a_refused_line_keeps_the_id_it_gives(jsonl):
    extract = {o for o in map(_outcome, read_input(str(jsonl))) if o[0]}
    ingest = {o for o in map(_outcome, read_sources([str(jsonl)])) if o[0]}
    assert ("S106", "bad-date") in extract and ("S106", "bad-date") in ingest
    assert ("S104", "empty") in extract and ("S104", "empty") in ingest
