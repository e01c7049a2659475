"""The trainers' gold readers run on a data set laid out like shared/data (a small synthetic one):
a reader that calls a moved or renamed helper fails here, not in `make train`."""

import json

import pytest

pytest.importorskip("sklearn")

ARTICLE = {
    "id": "t1", "title": "Shelling kills two in a border town", "published": "2024-03-05",
    "text": ("Artillery shelling killed two people in Kupiansk on Monday, the regional governor said.\n\n"
             "Separately, ministers met in Geneva to discuss a prisoner exchange."),
    "incidents": [{"gid": "t1-A", "status": "core", "type": "Explosions/Remote violence / Shelling/artillery/missile attack",
                   "families": ["Explosions/Remote violence"], "plover": "ASSAULT", "coord": [49.71, 37.61], "radius_km": 50,
                   "killed_ok": [2], "injured_ok": [], "date": "2024-03-04", "date_ok": ["2024-03-04"],
                   "evidence": "Artillery shelling killed two people in Kupiansk on Monday"}],
}


@pytest.fixture()
def data_root(tmp_path):
    folder = tmp_path / "realnews_dev"
    folder.mkdir()
    (folder / "realnews_dev.jsonl").write_text(json.dumps(ARTICLE) + "\n", "utf-8")
    return tmp_path


def test_the_type_trainer_labels_an_event_from_the_incident_whose_evidence_holds_its_trigger(data_root):
    from sitreps.training import types

    rows, path = types._realnews(data_root)
    assert path.name == "realnews_dev.jsonl"
    labels = {r.label for r in rows}
    assert "Shelling/artillery/missile attack" in labels


def test_the_incident_trainer_labels_the_event_matched_to_a_gold_incident_positive(data_root):
    from sitreps.training import incident

    rows = list(incident._realnews(data_root))
    labels = [label for _text, _features, label in rows]
    assert 1 in labels  # the shelling, matched to its gold incident


def test_train_with_no_name_fits_only_the_models_that_ship():
    from click.testing import CliRunner

    from sitreps.cli.train import train_cmd
    from sitreps.training import SHIPPED, TRAINERS

    out = CliRunner().invoke(train_cmd, ["--list"]).output.splitlines()
    assert [line.split()[0] for line in out] == list(TRAINERS)
    for line in out:
        assert ("not shipped" in line) == (line.split()[0] not in SHIPPED)
    assert set(SHIPPED) < set(TRAINERS) and "salience" not in SHIPPED
