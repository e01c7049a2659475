"""The gva_merge evaluation end to end on a tiny folder of articles written for this test, and
the gate running a task on another task's data folder."""

from __future__ import annotations

import json

from sitreps.evaluation import EvalResult, register, run_eval
from sitreps.evaluation.gate import run_gate

ARTICLES = [
    ("a1", "1", "2015-03-07", "Two men shot dead in Akron",
     "AKRON, Ohio - Gunfire on Exchange Street in Akron killed two men early Saturday, police said. "
     "A third man was wounded in the arm."),
    ("a2", "1", "2015-03-08", "Police name men killed in Akron shooting",
     "Police on Sunday released the names of the two men who died in Saturday's shooting on Exchange Street in Akron. "
     "The third victim, also shot, is recovering."),
    ("b1", "2", "2015-03-07", "Woman wounded in Toledo shooting",
     "TOLEDO, Ohio - A woman was wounded by a bullet late Friday in a parking lot in Toledo, police said."),
    ("c1", "3", "2015-03-07", "Council approves budget", ""),  # an empty page: an incident of its own
]


def _folder(tmp_path):
    folder = tmp_path / "gva"
    folder.mkdir()
    with (folder / "gva_semeval2018_task5.jsonl").open("w") as fh:
        for doc, inc, dct, title, text in ARTICLES:
            fh.write(json.dumps({"doc_id": doc, "incident_id": inc, "dct": dct, "title": title, "text": text, "gold": {}}) + "\n")
    with (folder / "incidents.jsonl").open("w") as fh:
        for inc, killed, injured in (("1", 2, 1), ("2", 0, 1), ("3", 0, 0)):
            fh.write(json.dumps({"incident_id": inc, "num_killed": killed, "num_injured": injured, "has_structured_gold": True}) + "\n")
    return folder


def test_reports_of_one_shooting_make_one_incident_with_its_toll(tmp_path):
    result = run_eval("gva_merge", _folder(tmp_path), use_cache=False, progress=False)
    assert result.metrics["pairwise_f1"] == 1.0 and result.metrics["bcubed_f1"] == 1.0
    assert result.metrics["incident_killed_exact"] == 1.0 and result.metrics["incident_injured_exact"] == 1.0
    assert result.details["predicted_incidents"] == 3
    assert result.details["baselines"]["every_document_alone"]["pairwise_f1"] == 0.0


@register("gate_other_folder")
def _reads_its_folder(ctx):
    return EvalResult(dataset=ctx.name, n=1, metrics={"found": float((ctx.data_dir / "marker.txt").exists())})


def test_the_gate_runs_a_task_on_the_folder_its_entry_names(tmp_path):
    (tmp_path / "shared_set").mkdir()
    (tmp_path / "shared_set" / "marker.txt").write_text("x")
    (tmp_path / "gate_other_folder").mkdir()
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"datasets": {"gate_other_folder": {"data": "shared_set", "floors": {"found": 1.0}}}}))
    lines: list[str] = []
    assert run_gate(tmp_path, path, echo=lines.append), lines
