"""Stage contracts: every built-in stage reads and writes exactly the context slots it declares.

Each stage runs on the golden articles through a recorder around the pipeline's guard: a slot
it touches undeclared fails at once (S008), and what it touched, written or changed in place is
compared with its declaration, so a declaration that claims more than the stage does fails too.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import json
import pytest

from sitreps.contract import PROVIDED, Context, Stage, StageView, run_stage, slot_of
from sitreps.errors import ContractError
from sitreps.learn import Calibration, LinearModel
from sitreps.pipeline import BUILTIN_STAGES
from sitreps.record import Document
from sitreps.stages import salience as salience_stage

GOLDEN = Path(__file__).parent / "golden"
RECORD_SLOTS = {"entities", "events", "places", "quotes", "hazards", "crimes"}  # what leaves the pipeline in the record
WATCHED = ("entities", "casualties", "weapons", "targets", "triggers", "events", "anchors", "places", "toponyms", "quote_spans", "attributions", "quotes")


class Recorder:
    """Records the slots a stage reads and assigns, on top of the guard that enforces them."""

    def __init__(self, view: StageView):
        object.__setattr__(self, "_view", view)
        object.__setattr__(self, "read", set())
        object.__setattr__(self, "wrote", set())

    def __getattr__(self, name):
        self.read.add(name)
        return getattr(self._view, name)

    def __setattr__(self, name, value):
        self.wrote.add(name)
        setattr(self._view, name, value)


def _strip(value):
    """``value`` as plain data with every nested ``attribution`` left out (the attribution stage fills those)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "attribution"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _attributions(value) -> list:
    if isinstance(value, dict):
        own = [value["attribution"]] if "attribution" in value else []
        return own + [a for k, v in value.items() if k != "attribution" for a in _attributions(v)]
    if isinstance(value, list):
        return [a for v in value for a in _attributions(v)]
    return []


def _snapshot(ctx: Context) -> dict:
    snap = {slot: repr(getattr(ctx, slot)) for slot in WATCHED if slot != "events"}
    snap["events"] = None if ctx.events is None else [
        {**{f: repr(_strip(v)) for f, v in dataclasses.asdict(e).items()}, "attribution": repr(_attributions(dataclasses.asdict(e)))}
        for e in ctx.events
    ]
    return snap


def _changes(before: dict, after: dict) -> set[str]:
    changed = {slot for slot in WATCHED if slot != "events" and before[slot] != after[slot]}
    b, a = before["events"], after["events"]
    if b is None or a is None or len(b) != len(a):
        if b != a:
            changed.add("events")
    else:
        changed |= {f"events.{f}" for eb, ea in zip(b, a) for f in ea if eb[f] != ea[f]}
    return changed


#: the ``salience`` stage ships no model (docs/models.md): this one, putting the largest toll first,
#: makes it run the whole way on the golden articles
_RANKER = LinearModel({"name": "salience", "kind": "binary", "classes": ["0", "1"], "features": ["largest_toll"],
                       "coef": [[4.0]], "intercept": [-2.0], "calibration": Calibration.identity().to_json()})


@pytest.fixture(scope="module")
def observed(extractor):
    """Per stage: the slots it read, assigned and changed, over every golden article."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(salience_stage, "model_for", lambda name, text: _RANKER)
        return _observe(extractor)


def _observe(extractor) -> dict:
    seen = {s.name: {"read": set(), "wrote": set(), "changed": set()} for s in extractor.stages}
    for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        text = (case / "article.txt").read_text("utf-8")
        meta = json.loads((case / "meta.json").read_text("utf-8"))
        doc = extractor.nlp(text)
        ctx = Context.start(doc, Document(id=case.name, text=text), date.fromisoformat(meta["published"]), extractor.settings)
        for stage in extractor.stages:
            before = _snapshot(ctx)
            rec = Recorder(StageView(ctx, stage))
            stage(rec)
            seen[stage.name]["read"] |= rec.read
            seen[stage.name]["wrote"] |= rec.wrote
            seen[stage.name]["changed"] |= _changes(before, _snapshot(ctx))
        assert ctx.events and ctx.quotes is not None, case.name  # the articles exercise every stage
    return seen


@pytest.mark.parametrize("name", list(BUILTIN_STAGES))
def test_a_stage_reads_and_writes_what_it_declares(extractor, observed, name):
    stage = next(s for s in extractor.stages if s.name == name)
    got = observed[name]
    declared_reads = set(stage.reads) | set(stage.reads_if_present)
    whole = {w for w in stage.writes if "." not in w}
    fields = {w for w in stage.writes if "." in w}
    # every slot it changed is declared: a whole slot in writes, or a field of existing events
    for change in got["changed"]:
        assert change in whole or slot_of(change) in whole or change in fields, f"{name} changes {change} undeclared"
    # and every declaration is true: it reads what it says it reads, writes what it says it writes
    read_slots = got["read"] - {"text"}
    assert declared_reads - read_slots == set(), f"{name} declares reads it never does"
    assert whole <= got["wrote"], f"{name} declares writes it never does: {whole - got['wrote']}"
    assert fields <= got["changed"], f"{name} declares event fields it never fills: {fields - got['changed']}"


def test_every_slot_a_stage_writes_is_read_by_a_later_stage_or_is_output(extractor):
    order = extractor.stages
    for i, stage in enumerate(order):
        for slot in {slot_of(w) for w in stage.writes} - RECORD_SLOTS:
            readers = [s.name for s in order[i + 1:] if slot in (*s.reads, *s.reads_if_present)]
            assert readers, f"{stage.name} writes {slot!r}, which no later stage reads"


def test_reading_or_writing_an_undeclared_slot_is_a_coded_error(extractor):
    class Sneaky(Stage):
        name = "sneaky"
        reads = ("doc",)
        writes = ("entities",)

    doc = extractor.nlp("Gunmen attacked a village on Sunday.")
    ctx = Context.start(doc, Document(id="x", text=doc.text), None, extractor.settings)
    view = StageView(ctx, Sneaky)
    assert view.doc is doc and view.text == doc.text and view.sentences  # provided slots are always readable
    with pytest.raises(ContractError, match=r"\[S008\] stage 'sneaky' reads the slot 'triggers'"):
        view.triggers
    with pytest.raises(ContractError, match=r"\[S008\] stage 'sneaky' writes the slot 'events'"):
        view.events = []
    with pytest.raises(ContractError, match="is not a slot of the context"):
        view.scratch = {}
    view.entities = []
    assert ctx.entities == []


def test_the_pipeline_runs_stages_under_the_guard(extractor):
    class Undeclared(Stage):
        name, reads, writes = "undeclared", ("doc",), ("entities",)

        def __call__(self, ctx):
            ctx.entities, ctx.events = [], []  # the second is not declared

    doc = extractor.nlp("Gunmen attacked a village on Sunday.")
    ctx = Context.start(doc, Document(id="x", text=doc.text), None, extractor.settings)
    with pytest.raises(ContractError, match="S008"):
        run_stage(Undeclared(extractor.settings, extractor.nlp), ctx)
    assert PROVIDED == ("doc", "document", "text", "published", "settings", "sentences")
