"""Golden files: whole records for articles written for these tests.

Each case is ``tests/golden/<case>/article.txt`` with ``meta.json`` ({published, title}) and the
record we expect in ``expected.json``. Any change in the output fails the test; when the change
is an improvement, review the diff and rewrite with ``pytest tests/test_golden.py --update-golden``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import check_record

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "article.txt").exists())


@pytest.mark.parametrize("case", CASES)
def test_golden_record(extractor, request, case):
    folder = GOLDEN / case
    text = (folder / "article.txt").read_text(encoding="utf-8")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    record = extractor(text, published=meta.get("published"), title=meta.get("title"), id=case)
    got = check_record(record)
    got["document"].pop("text")
    expected_path = folder / "expected.json"
    if request.config.getoption("--update-golden") or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"{expected_path} did not exist; written now: review it and commit it")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected

