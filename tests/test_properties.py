"""Invariants over arbitrary text: extraction never raises, and every span is real evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitreps.errors import InputError

from conftest import check_record

WORDS = [
    "killed", "wounded", "at", "least", "five", "12", "dozens", "missile", "drones", "strike", "on", "Kyiv", "Kharkiv",
    "oblast", "region", "overnight", "Tuesday", "said", "according", "to", "the", "mayor", '"', "\u201c", "\u201d", ",",
    ".", "\n\n", "shot", "down", "of", "95", "no", "one", "was", "hurt", "police", "arrested", "protesters", "in",
    "March", "3", "2022", "yesterday", "Russian", "forces", "Ukrainian", "residents", "fled", "hospital", "port",
]

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
any_text = st.one_of(sentences, st.text(min_size=1, max_size=400))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text, published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_extraction_never_raises_and_offsets_are_evidence(extractor, text, published):
    try:
        record = extractor(text, published=published)
    except InputError as exc:  # only the documented refusals: blank input, NUL bytes, lone surrogates
        refusals = {"S104": not text.strip(), "S101": "\x00" in text,
                    "S115": any("\ud800" <= c <= "\udfff" for c in text)}
        assert refusals.get(exc.code), (exc.code, text)
        return
    check_record(record)
