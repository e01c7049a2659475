"""Evaluation tasks read the pipeline's record and only map it to their labels; the pipeline never
imports evaluation code."""

from __future__ import annotations

import ast
from pathlib import Path

from sitreps.evaluation.labels import first_violent, is_violent, main_event
from sitreps.evaluation.tasks.case2021 import case_label
from sitreps.evaluation.tasks.gva import counts, incident
from sitreps.evaluation.tasks.muc4 import gold_killed, muc_type
from sitreps.evaluation.tasks.muc4 import main_event as muc_main
from sitreps.evaluation.tasks.plover import gold_country, initiator_countries, plover_label
from sitreps.record import Actor, Count, Crime, Document, Event, Hazard, Record, Trigger, Weapon

SRC = Path(__file__).resolve().parent.parent / "src" / "sitreps"


def event(plover: str, acled_type: str | None = None, sub: str | None = None, trigger: str = "attack", killed: int | None = None,
          injured: int | None = None, weapons: tuple[str, ...] = (), actors: tuple[Actor, ...] = ()) -> Event:
    def count(n: int | None) -> Count | None:
        return Count(value=n, qualifier="exact", text=str(n), start=0, end=1) if n is not None else None

    return Event(id="d#e", plover=plover, acled_type=acled_type, acled_subtype=sub, summary=trigger,
                 trigger=Trigger(text=trigger, start=0, end=len(trigger)), fatalities=count(killed), injured=count(injured),
                 weapons=[Weapon(kind=k, count=None, qualifier="exact", text=k, start=0, end=1) for k in weapons], actors=list(actors))


def record(*events: Event) -> Record:
    return Record(document=Document(id="d", text="x"), events=list(events))


TALKS = event("CONSULT", trigger="talks")
STRIKE = event("FIGHT", "Explosions/Remote violence", "Air/drone strike", "strike", killed=3, injured=5)
INTERCEPT = event("FIGHT", "Strategic developments", "Disrupted weapons use", "shot down")


# -- shared: events[0] is the main event; "violent" excludes interceptions -------------------------
def test_main_event_is_the_first_event_of_the_record():
    assert main_event(record(TALKS, STRIKE)) is TALKS
    assert main_event(record()) is None and main_event(None) is None


def test_first_violent_skips_talks_and_interceptions():
    assert not is_violent(INTERCEPT) and not is_violent(TALKS) and is_violent(STRIKE)
    assert first_violent(record(TALKS, INTERCEPT, STRIKE)) is STRIKE
    assert first_violent(record(TALKS)) is None


# -- CASE 2021 --------------------------------------------------------------------------------
def test_case_label_maps_the_main_events_acled_subtype():
    assert case_label(record(STRIKE, TALKS)) == (STRIKE, "AIR_STRIKE")


def test_case_label_uses_plover_when_acled_does_not_code_the_event():
    assert case_label(record(TALKS, STRIKE))[1] == "DIPLO"
    assert case_label(record(event("ACCUSE", trigger="blamed")))[1] == "ATTRIB"


def test_case_label_of_an_act_told_through_responsibility_is_attrib():
    claimed = Actor(role="initiator", name="Islamic State", kind="armed_group", country=None, text="Islamic State", start=0, end=13,
                    responsibility="claimed")
    done = Actor(role="initiator", name="Islamic State", kind="armed_group", country=None, text="Islamic State", start=0, end=13)
    bombing = dict(plover="ASSAULT", acled_type="Explosions/Remote violence", sub="Suicide bomb", trigger="bombing")
    assert case_label(record(event(**bombing, actors=(claimed,))))[1] == "ATTRIB"
    assert case_label(record(event(**bombing, actors=(done,))))[1] == "SUIC_BOMB"


def test_case_label_without_an_event_is_other():
    assert case_label(record()) == (None, "OTHER")


def test_case_label_of_a_record_with_only_a_hazard_is_a_disaster():
    quake = Record(document=Document(id="d", text="x"), hazards=[Hazard(kind="natural", text="earthquake", start=0, end=10)])
    assert case_label(quake) == (None, "NATURAL_DISASTER")
    crash = Record(document=Document(id="d", text="x"), hazards=[Hazard(kind="man_made", text="crash", start=0, end=5)])
    assert case_label(crash) == (None, "MAN_MADE_DISASTER")
    both = Record(document=Document(id="d", text="x"), events=[STRIKE], hazards=quake.hazards)
    assert case_label(both)[1] == "AIR_STRIKE"  # an event the record tells comes first
    assert case_label(None) == (None, "OTHER")


def test_case_label_of_a_record_with_only_a_crime_is_organised_crime():
    fraud = [Crime(kind="fraud", text="fraud", start=0, end=5)]
    assert case_label(Record(document=Document(id="d", text="x"), crimes=fraud)) == (None, "ORG_CRIME")
    # an event comes first, and a hazard is what the article is about before a crime it names
    assert case_label(Record(document=Document(id="d", text="x"), events=[STRIKE], crimes=fraud))[1] == "AIR_STRIKE"
    quake = [Hazard(kind="natural", text="earthquake", start=0, end=10)]
    assert case_label(Record(document=Document(id="d", text="x"), hazards=quake, crimes=fraud))[1] == "NATURAL_DISASTER"


# -- PLOVER -----------------------------------------------------------------------------------
def test_plover_label_is_the_main_events_root_with_accuse_as_disapprove():
    assert plover_label(record(TALKS, STRIKE)) == (TALKS, "CONSULT")
    assert plover_label(record(event("ACCUSE", trigger="accused")))[1] == "DISAPPROVE"
    assert plover_label(record()) == (None, None)


def test_plover_initiator_countries_are_alpha3_and_ignore_targets():
    actors = (Actor(role="initiator", name="Russia", kind="state", country="RU", text="Russia", start=0, end=6),
              Actor(role="target", name="Ukraine", kind="state", country="UA", text="Ukraine", start=0, end=7))
    assert initiator_countries(event("FIGHT", actors=actors)) == {"RUS"}
    assert initiator_countries(None) == set()


def test_plover_gold_country_is_the_first_source_actor_with_a_country_code():
    row = {"gold": {"source_actors": [{"code": "GOV"}, {"code": "fra"}, {"code": "USA"}]}}
    assert gold_country(row) == "FRA"
    assert gold_country({"gold": {"source_actors": [{"code": "REB"}]}}) is None


# -- GVA ----------------------------------------------------------------------------------------
def test_gva_scores_the_most_salient_violent_event():
    shooting = event("ASSAULT", "Violence against civilians", "Attack", "shot", killed=1, injured=2)
    assert incident(record(TALKS, shooting, STRIKE)) is shooting
    assert counts(incident(record(TALKS, shooting))) == (1, 2)


def test_gva_without_a_violent_event_counts_zero():
    assert counts(incident(record(TALKS))) == (0, 0)
    assert counts(incident(None)) == (0, 0)


# -- MUC-4 --------------------------------------------------------------------------------------
def test_muc_main_event_is_the_first_violent_one_else_the_first():
    strike = event("PROTEST", "Protests", "Peaceful protest", "strike")
    assert muc_main(record(strike, STRIKE)) is STRIKE
    assert muc_main(record(strike)) is strike


def test_muc_type_maps_the_event():
    assert muc_type(event("ASSAULT", "Violence against civilians", "Abduction/forced disappearance", "kidnapped")) == "KIDNAPPING"
    assert muc_type(event("FIGHT", "Explosions/Remote violence", "Remote explosive/landmine/IED", "exploded")) == "BOMBING"
    assert muc_type(event("ASSAULT", "Violence against civilians", "Attack", "attack", weapons=("bomb",))) == "BOMBING"
    assert muc_type(event("COERCE", "Strategic developments", "Looting/property destruction", "burned")) == "ARSON"
    assert muc_type(event("PROTEST", "Protests", "Peaceful protest", "strike")) == "FORCED WORK STOPPAGE"
    assert muc_type(event("FIGHT", "Battles", "Armed clash", "clashed")) == "ATTACK"
    assert muc_type(event("CONSULT", trigger="met")) is None
    assert muc_type(None) is None


def test_muc_gold_killed_sums_the_dead_targets_and_skips_vague_counts():
    template = {"hum_tgt_numbers": ['3: "PEASANTS"', '1 / 2: "SOLDIER"'], "hum_tgt_effects": ['DEATH: "PEASANTS"', 'DEATH: "SOLDIER"']}
    assert gold_killed(template) == {4, 5}
    assert gold_killed({"hum_tgt_numbers": ['PLURAL: "PEASANTS"'], "hum_tgt_effects": ['DEATH: "PEASANTS"']}) is None
    assert gold_killed({"hum_tgt_effects": ['? DEATH: "X"']}) == {0}


# -- layers ------------------------------------------------------------------------------------
def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Absolute names of the modules that ``source`` (the text of ``module``) imports, relative
    imports resolved."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
    return out


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(["sitreps", *(parts[:-1] if path.name == "__init__.py" else parts)])


def test_nothing_in_the_pipeline_imports_evaluation():
    """Scoring code lives in sitreps.evaluation; only the CLI and the trainers (which read the data
    sets as the tasks do and label from their gold, at train time only) may reach it."""
    checked = 0
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] in ("evaluation", "cli", "training"):
            continue
        checked += 1
        names = imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
        bad = sorted(m for m in names if m == "sitreps.evaluation" or m.startswith("sitreps.evaluation."))
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"
    assert checked > 30  # the walk really saw the package


def test_the_import_check_catches_relative_and_absolute_imports_of_evaluation():
    assert "sitreps.evaluation.metrics" in imported_modules("from ..evaluation.metrics import prf\n", "sitreps.geo.evaluate")
    assert "sitreps.evaluation" in imported_modules("from ... import evaluation\n", "sitreps.stages.numbers.quantities")
    assert "sitreps.evaluation.harness" in imported_modules("import sitreps.evaluation.harness\n", "sitreps.stages.events")
    assert "sitreps.evaluation" in imported_modules("from .evaluation import run_eval\n", "sitreps", is_package=True)


def test_no_scoring_code_in_geo_or_stages():
    names = {p.stem for d in ("geo", "stages") for p in (SRC / d).rglob("*.py")}
    assert "evaluate" not in names and "geoparse" not in names


def test_ucdp_admin1_names_match_across_romanisations():
    from sitreps.evaluation.tasks.ucdp_ged import _same_admin

    assert _same_admin("Hamah governorate", "Hama") and _same_admin("Hilmand province", "Helmand")
    assert _same_admin("Al Hudaydah governorate", "Al Hudayda")
    assert not _same_admin("Hamah governorate", "Homs") and not _same_admin("Idlib governorate", "Hama")
