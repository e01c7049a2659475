"""Building pipelines, running them, and sitreps inside a user's own spaCy pipeline."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitreps
from sitreps import Extractor, Failure
from sitreps.errors import ConfigError, PipelineError, StageError
from sitreps.pipeline import BUILTIN_STAGES, Stage, check_stages, stage_class

from conftest import check_record

TEXT = "Gunmen attacked a village in the north on Sunday, killing seven people, police said."


def test_every_builtin_stage_is_declared_consistently():
    for name in BUILTIN_STAGES:
        cls = stage_class(name)
        assert cls.name == name and cls.writes, name


def test_default_order_satisfies_every_requirement():
    check_stages([stage_class(n) for n in sitreps.load_settings().stages])


def test_missing_requirement_names_the_stage_to_add():
    with pytest.raises(PipelineError) as err:
        check_stages([stage_class("entities"), stage_class("events")])
    assert "triggers" in str(err.value) and "events" in str(err.value)


def test_a_declared_name_that_is_no_slot_is_refused():
    class Typo(Stage):
        name = "typo"
        reads = ("doc", "evnets")

    with pytest.raises(PipelineError, match="'evnets', which is no slot"):
        check_stages([Typo])


def test_unknown_stage():
    with pytest.raises(ConfigError, match="unknown stage 'geomancy'"):
        stage_class("geomancy")


def test_a_crashing_stage_is_named(extractor):
    class Broken(Stage):
        name = "broken"
        reads = ("doc",)
        writes = ("entities",)

        def __call__(self, ctx):
            raise ValueError("boom")

    ex = Extractor(nlp=extractor.nlp, stages=["entities"])
    ex.stages.append(Broken(ex.settings, ex.nlp))
    with pytest.raises(StageError, match="stage 'broken': ValueError: boom"):
        ex(TEXT)
    results = list(ex.pipe([{"id": "x", "text": TEXT}]))
    assert isinstance(results[0], Failure) and results[0].stage == "broken" and results[0].document_id == "x"


def test_ids_are_content_hashes(extractor):
    a = extractor(TEXT, published="2024-06-05")
    b = extractor(TEXT, published="2024-06-05")
    assert a.document.id == b.document.id and len(a.document.id) == 64
    assert a.to_dict() == b.to_dict()
    assert a.events and all(e.id.startswith(a.document.id + "#e") for e in a.events)


def test_pipe_keeps_order_and_ids(extractor):
    items = [{"id": f"d{i}", "text": t} for i, t in enumerate([TEXT, "", "Protesters marched in the capital on Friday."])]
    out = list(extractor.pipe(items, batch_size=2))
    assert [getattr(r, "document_id", None) or r.document.id for r in out] == ["d0", "d1", "d2"]
    assert isinstance(out[1], Failure) and out[1].code == "S104"


def test_python_api_extract():
    record = sitreps.extract(TEXT, published="2024-06-05")
    check_record(record)
    assert record.document.published == "2024-06-05"
    assert record.events and record.events[0].trigger.text


def test_as_a_component_in_a_users_spacy_pipeline(extractor):
    import spacy

    nlp = spacy.load(extractor.nlp.meta["lang"] + "_" + extractor.nlp.meta["name"])
    nlp.add_pipe("sitreps")
    doc = nlp.make_doc(TEXT)
    doc.user_data["published"] = "2024-06-05"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    record = doc._.sitreps
    assert isinstance(record, sitreps.Record)
    assert record.document.published == "2024-06-05"
    assert doc._.sitreps_events == record.events
    same = extractor(TEXT, published="2024-06-05")
    assert record.to_dict() == same.to_dict()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Shelling", "hit", "Kharkiv", "on", "Monday", ".", "Two", "people", "were", "hurt", ",",
                                 "the", "mayor", "said", "\n\n", "-", "cease", "fire", "  ", "Rebels", "fired"]), min_size=1, max_size=40),
       st.frozensets(st.sampled_from(["shelling", "shell", "hit", "kharkiv", "people", "person", "be", "were", "fire", "rebel", "say",
                                      "said", "missile"]), max_size=6))
def test_the_token_and_sentence_lists_the_stages_share_are_spacys_own(extractor, words, asked):
    from sitreps.parse import ents_of, positions, release, sents_of, span_text, tokens_among, tokens_in, tokens_of, words_in

    doc = extractor.nlp(" ".join(words))
    assert [(t.i, t.text) for t in tokens_of(doc)] == [(t.i, t.text) for t in doc]
    assert [(s.start, s.end) for s in sents_of(doc)] == [(s.start, s.end) for s in doc.sents]
    for s in sents_of(doc):
        assert span_text(s) == s.text
        assert [t.i for t in tokens_in(s)] == [t.i for t in s]
        # a finder that visits only the tokens of some words visits exactly those, in order
        assert [t.i for t in tokens_among(s, asked)] == [t.i for t in s if t.lower_ in asked or t.lemma_.lower() in asked]
    assert positions(doc, asked) == [t.i for t in doc if t.lower_ in asked or t.lemma_.lower() in asked]
    assert words_in(doc) == {w for t in doc for w in (t.lower_, t.lemma_.lower())}
    assert [(e.start, e.end, e.label_) for e in ents_of(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    release(doc)
    assert not [k for k in doc.user_data if k in ("sitreps.tokens", "sitreps.sents", "sitreps.ents", "sitreps.words", "sitreps.index",
                                                  "sitreps.positions")]


def test_a_processed_document_is_freed_without_the_cycle_collector(extractor):
    import gc
    import weakref

    doc = extractor.nlp("Rebels shelled Kharkiv on Monday, killing two people, the governor said.")
    extractor.process(doc, published="2024-06-05")
    ref = weakref.ref(doc)
    gc.disable()
    try:
        del doc
        assert ref() is None  # no token list left on the Doc points back to it
    finally:
        gc.enable()


def test_the_headline_line_is_a_sentence_of_its_own_and_later_line_breaks_are_left_to_the_parser(extractor):
    from sitreps.parse import sents_of

    doc = extractor.nlp("Talks resume in Doha\n\nBoth sides sent envoys on Monday, officials said.")
    assert [s.text.strip() for s in sents_of(doc)] == ["Talks resume in Doha", "Both sides sent envoys on Monday, officials said."]
    # a transcript wrapped with blank lines inside its sentences keeps them whole
    doc = extractor.nlp("Girl home from hospital.\n\nLAST WEEK A TEN-YEAR-OLD GIRL WAS HURT WHEN A STRAY\n\nBULLET CAME THROUGH HER WINDOW.")
    assert any("STRAY" in s.text and "BULLET" in s.text for s in sents_of(doc))
