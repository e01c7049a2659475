"""The realnews_dev scorer: matching events to hand-coded incidents, on articles written here."""

from sitreps.evaluation.tasks.realnews import score, score_article

TEXT = "Drones hit Odesa overnight, killing two. In Kyiv, a missile wounded five. Talks were held in Istanbul."


def incident(gid, status="core", families=("Explosions/Remote violence",), coord=(46.48, 30.73), radius=50, **kw):
    base = {"gid": gid, "status": status, "families": list(families), "plover": "ASSAULT",
            "coord": list(coord) if coord else None, "radius_km": radius if coord else None,
            "place_names": kw.pop("place_names", []), "date": "2024-06-04", "date_ok": ["2024-06-04"],
            "killed_ok": [2], "injured_ok": [], "evidence": "Drones hit Odesa overnight, killing two."}
    base.update(kw)
    return base


def event(lat=46.47, lon=30.72, acled="Explosions/Remote violence", killed=2, start=11, day="2024-06-04", name="Odesa", plover="ASSAULT"):
    return {"acled_type": acled, "plover": plover, "trigger": {"text": "hit", "start": start, "end": start + 3},
            "location": {"name": name, "text": name, "lat": lat, "lon": lon},
            "fatalities": {"value": killed} if killed is not None else None, "injured": None,
            "date": {"start": day, "end": day}, "summary": "strike"}


ARTICLE = {"id": "t1", "text": TEXT, "incidents": [incident("t1-A")]}


def test_a_right_event_is_matched_with_its_figures_and_date():
    out = score_article(ARTICLE, [event()])
    assert (out["matched"], out["duplicates"], out["noise"]) == (1, 0, 0)
    assert out["killed_ok"] == 1 and out["injured_ok"] == 1 and out["date_ok"] == 1


def test_a_second_event_for_the_same_incident_is_a_duplicate_and_costs_precision():
    metrics, _ = score([ARTICLE], [{"events": [event(), event(lat=46.5)]}])
    assert metrics["recall"] == 1.0
    assert metrics["precision"] == 0.5
    assert metrics["duplicates"] == 1.0


def test_wrong_family_or_place_is_noise_and_far_events_are_counted():
    events = [event(acled="Protests"), event(lat=50.45, lon=30.52, name="Kyiv"), event(lat=6.5, lon=3.4, name="Lagos")]
    out = score_article(ARTICLE, events)
    assert out["matched"] == 0 and out["noise"] == 3
    assert out["far"] == 1  # only Lagos is over 1,000 km from Odesa


def test_optional_incidents_neither_reward_nor_penalise():
    article = {"id": "t2", "text": TEXT, "incidents": [incident("t2-A"), incident("t2-S", status="optional", coord=(50.45, 30.52))]}
    metrics, _ = score([article], [{"events": [event(), event(lat=50.45, lon=30.52, name="Kyiv")]}])
    assert metrics["precision"] == 1.0 and metrics["recall"] == 1.0


def test_core_incidents_are_served_before_optional_ones():
    article = {"id": "t3", "text": TEXT, "incidents": [incident("t3-S", status="optional"), incident("t3-A")]}
    out = score_article(article, [event()])
    assert out["matched"] == 1 and out["optional_matched"] == 0


def test_an_incident_without_coordinates_matches_by_place_name():
    article = {"id": "t4", "text": TEXT, "incidents": [incident("t4-A", coord=None, place_names=["odesa", "odessa"])]}
    assert score_article(article, [event(lat=None, lon=None)])["matched"] == 1
    assert score_article(article, [event(lat=None, lon=None, name="Kyiv")])["matched"] == 0


def test_diplomatic_incidents_accept_consult_events():
    article = {"id": "t5", "text": TEXT, "incidents": [incident("t5-M", families=["Strategic developments"], plover="CONSULT",
                                                                  coord=(41.01, 28.98))]}
    talks = event(acled=None, plover="CONSULT", lat=41.0, lon=28.97, name="Istanbul", killed=None)
    assert score_article(article, [talks])["matched"] == 1


def test_wrong_figures_and_dates_are_scored_on_matched_incidents():
    out = score_article(ARTICLE, [event(killed=3, day="2024-05-30")])
    assert out["matched"] == 1 and out["killed_ok"] == 0 and out["date_ok"] == 0
    none_said = {"id": "t6", "text": TEXT, "incidents": [incident("t6-A", killed_ok=[0])]}
    assert score_article(none_said, [event(killed=None)])["killed_ok"] == 1


def test_place_accuracy_asks_where_an_event_told_in_the_evidence_was_put():
    misplaced = score_article(ARTICLE, [event(lat=50.45, lon=30.52, name="Kyiv")])
    assert (misplaced["placeable"], misplaced["placed"]) == (1, 0)
    elsewhere = score_article(ARTICLE, [event(start=TEXT.index("missile"))])
    assert elsewhere["placeable"] == 0


def test_a_missing_record_misses_every_incident():
    metrics, details = score([ARTICLE], [None])
    assert metrics["recall"] == 0.0 and details["articles"]["t1"]["misses"] == ["t1-A"]


def test_two_incidents_at_one_town_each_take_the_event_whose_trigger_lies_in_its_evidence():
    text = "Drones hit Odesa overnight, killing two. Later a missile struck a port in Odesa, killing seven."
    night = incident("t9-A", evidence="Drones hit Odesa overnight, killing two.")
    port = incident("t9-B", killed_ok=[7], evidence="Later a missile struck a port in Odesa, killing seven.")
    article = {"id": "t9", "text": text, "incidents": [night, port]}
    # the port strike's event comes first and lies a little closer to both incidents' point
    events = [event(lat=46.48, lon=30.73, killed=7, start=text.index("struck")), event(killed=2, start=text.index("hit"))]
    out = score_article(article, events)
    assert out["matched"] == 2 and out["killed_ok"] == 2
