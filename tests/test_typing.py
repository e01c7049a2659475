"""The ``typing`` stage: a trained model re-decides each event's ACLED type / sub-type and PLOVER
root where it is confident, keeps the rules' type otherwise, and stays consistent (a sub-type
always comes with its ACLED type and a PLOVER root it is coded with)."""

from __future__ import annotations

import pytest

from sitreps.lang import senses
from sitreps.learn import LinearModel, load_model
from sitreps.stages import typing as typing_stage
from sitreps.stages.typing import class_of, retype, sub_types, types_of

TEXT = ("Hundreds of students marched through the capital on Monday. Police fired tear gas at the marchers "
        "and arrested 12 people, witnesses said.")


def _model(cls: str, strength: float) -> LinearModel:
    """A two-class model that gives ``cls`` the probability sigmoid(strength) on every event."""
    other = "PLOVER:CONSULT" if cls != "PLOVER:CONSULT" else "Attack"
    classes = sorted([cls, other])
    coef = [[0.0], [0.0]]
    intercept = [strength if c == cls else 0.0 for c in classes]
    return LinearModel({"name": "types", "kind": "multiclass", "classes": classes, "features": ["bias"],
                        "coef": coef, "intercept": intercept})


def test_every_class_gives_a_type_the_senses_code():
    coded = set(senses().values())
    for sub, (acled_type, roots) in sub_types().items():
        for rules_root in (None, *roots, "CONSULT"):
            plover, typ, got = types_of(sub, rules_root)
            assert (plover, typ, got) in coded
            assert got == sub and typ == acled_type
    assert types_of("PLOVER:AGREE") == ("AGREE", None, None)
    assert types_of("No such sub-type") is None


def test_the_rules_root_is_kept_when_the_sub_type_is_coded_with_it():
    # ACLED's Agreement is coded with AGREE, CONSULT, CONCEDE or RETREAT: the rules' root stays
    assert types_of("Agreement", "CONSULT")[0] == "CONSULT"
    # a root the sub-type is never coded with gives way to the sub-type's usual one
    assert types_of("Agreement", "FIGHT")[0] == "AGREE"
    assert types_of("Attack", "FIGHT") == ("ASSAULT", "Violence against civilians", "Attack")


def test_class_of_round_trips_through_types_of():
    for plover, acled_type, sub in set(senses().values()):
        cls = class_of(plover, sub)
        assert types_of(cls, plover) == (plover, acled_type, sub)


def _rules(extractor, monkeypatch):
    monkeypatch.setattr(typing_stage, "model_for", lambda name, text: None)
    return extractor(TEXT, published="2024-06-05")


def test_confident_model_retypes_the_events_and_their_summaries(extractor, monkeypatch):
    before = _rules(extractor, monkeypatch)
    assert before.events, "the rules find the protest"
    monkeypatch.setattr(typing_stage, "model_for", lambda name, text: _model("Violent demonstration", 4.0))
    after = extractor(TEXT, published="2024-06-05")
    assert [e.id for e in after.events] == [e.id for e in before.events]
    for e in after.events:
        assert (e.plover, e.acled_type, e.acled_subtype) == ("PROTEST", "Riots", "Violent demonstration")
        assert e.summary.startswith("Violent demonstration")
        # everything else the events stage found is kept
    assert [e.fatalities for e in after.events] == [e.fatalities for e in before.events]


def test_an_unsure_model_keeps_the_rules_type(extractor, monkeypatch):
    types = [(e.plover, e.acled_type, e.acled_subtype) for e in _rules(extractor, monkeypatch).events]
    assert types
    # two classes at 0.5 each: below [stages.typing] min_probability, so the rules' type stays
    monkeypatch.setattr(typing_stage, "model_for", lambda name, text: _model("Violent demonstration", 0.0))
    assert [(e.plover, e.acled_type, e.acled_subtype) for e in extractor(TEXT).events] == types


def test_retype_leaves_an_event_alone_for_a_class_it_does_not_know(extractor, monkeypatch):
    event = _rules(extractor, monkeypatch).events[0]
    assert retype(event, "No such sub-type") is event
    assert retype(event, class_of(event.plover, event.acled_subtype)) is event


@pytest.mark.parametrize("name", ["types", *(f"types.fold{i}" for i in range(5))])
def test_shipped_models_speak_only_known_types(name):
    model = load_model(name)
    if model is None:
        pytest.skip("no type model shipped")
    assert model.kind == "multiclass" and model.calibration is not None
    assert all(types_of(c) is not None for c in model.classes)
    assert any(f.startswith("rule=") for f in model.features)


def test_the_model_never_moves_an_event_across_the_violence_line(extractor, monkeypatch):
    # the events stage grouped and merged the protest's mentions as non-violent; an attack it is not
    types = [(e.plover, e.acled_type, e.acled_subtype) for e in _rules(extractor, monkeypatch).events]
    monkeypatch.setattr(typing_stage, "model_for", lambda name, text: _model("Attack", 6.0))
    assert [(e.plover, e.acled_type, e.acled_subtype) for e in extractor(TEXT).events] == types
    assert typing_stage.may_retype("Armed clash", "Attack") and typing_stage.may_retype("Peaceful protest", "Violent demonstration")
    assert not typing_stage.may_retype("Peaceful protest", "Attack")
    assert not typing_stage.may_retype("Air/drone strike", "Disrupted weapons use")
    assert not typing_stage.may_retype("Attack", "No such sub-type")
