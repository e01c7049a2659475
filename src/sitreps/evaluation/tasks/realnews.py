"""realnews_dev: whole articles, scored incident by incident (event-level recall *and* precision).

Each article comes with hand-coded gold incidents (see the data set's SOURCE.md). The scorer reads
only the sitreps/1 records (as dicts, so the same code scores JSON written by ``sitreps extract``):

- **Match**: an event may match an incident when its ``acled_type`` is one of the incident's
  ``families`` (or, for a CONSULT/AGREE incident, its ``plover`` is CONSULT or AGREE) and its
  location lies within ``radius_km`` of the incident's ``coord``; for an incident without
  coordinates, the event's place name or text must contain one of ``place_names``.
- **One event per incident**: candidate pairs are taken greedily, core and context incidents
  first, then pairs whose incident's evidence holds the event's trigger (the event tells that
  incident, so two incidents at one town are not swapped), then by distance; every incident
  takes at most one event and every event serves at most
  one incident. An event that could match an incident already taken is a **duplicate**; one that
  could match no incident at all is **noise**.
- **Optional** incidents (summaries, interception claims tied to an attack, vague or future
  incidents) neither reward nor penalise: an event matched to one leaves the precision
  denominator, and missing one costs nothing.

Metrics: ``recall`` (matched core + context incidents / all of them), ``precision`` (strict:
matched / events that did not go to optional incidents), ``f1``, ``duplicates`` and ``noise``
(counts), ``killed_exact`` / ``injured_exact`` on matched incidents (the event's value is one of
``killed_ok``; no value is right when the list is empty or ``[0]``), ``date_accuracy`` on
matched incidents with a gold date (the event's day, or a range of at most two days, within
``date_ok``), ``place_accuracy`` (of the scored incidents whose evidence holds a trigger of an
event of the right family, the share where such an event is placed within the radius) and
``far_events`` (events placed more than 1,000 km from every gold incident of their article) and
``ece``, the expected calibration error (10 bins) of the events' ``confidence`` against whether
each is right (matched to, or a duplicate of, a scored incident; noise is wrong; events that
:func:`assign` calls ``told`` or ``optional`` are left out).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

from ...learn import expected_calibration_error
from ..harness import EvalContext, EvalResult, register
from ..metrics import haversine_km

FILE = "realnews_dev.jsonl"
SCORED = ("core", "context")
FAR_KM = 1000.0
DIPLOMATIC = ("CONSULT", "AGREE")


def type_ok(event: dict[str, Any], incident: dict[str, Any]) -> bool:
    if event.get("acled_type") in incident.get("families", ()):
        return True
    return incident.get("plover") in DIPLOMATIC and event.get("plover") in DIPLOMATIC


def place_distance(event: dict[str, Any], incident: dict[str, Any]) -> float | None:
    """Distance in km when the event's place is within the incident's tolerance, else None.
    An incident without coordinates matches by name at distance 0."""
    loc = event.get("location") or {}
    coord = incident.get("coord")
    if coord:
        if loc.get("lat") is None or loc.get("lon") is None:
            return None
        km = haversine_km(loc["lat"], loc["lon"], coord[0], coord[1])
        return km if km <= float(incident.get("radius_km") or 0) else None
    names = " ".join(str(loc.get(k) or "") for k in ("name", "text")).lower()
    return 0.0 if any(n in names for n in incident.get("place_names", ())) else None


def evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for frag in (f.strip() for f in (evidence or "").split(" ... ")):
        at = text.find(frag, pos) if frag else -1
        if at >= 0:
            spans.append((at, at + len(frag)))
            pos = at + len(frag)
    return spans


def _figure_ok(count: dict[str, Any] | None, ok: list[int]) -> bool:
    if count is None or count.get("value") is None:
        return not ok or ok == [0]
    return count["value"] in ok


def _date_ok(value: dict[str, Any] | None, ok: list[str]) -> bool:
    if not value or not value.get("start"):
        return False
    start = date.fromisoformat(value["start"][:10])
    end = date.fromisoformat((value.get("end") or value["start"])[:10])
    if end - start > timedelta(days=1):
        return False
    return start.isoformat() in ok or (end != start and end.isoformat() in ok and start.isoformat() in ok)


def _match(incidents: list[dict[str, Any]], events: list[dict[str, Any]], text: str = "") -> tuple[dict[int, int], dict[int, int], list[tuple[bool, float, int, int]]]:
    """The greedy one-to-one matching: event -> incident, incident -> event, and every candidate
    pair ``(optional, km, event, incident)``. Pairs are taken core and context incidents first,
    then those whose evidence (in ``text``) holds the event's trigger (the event tells that
    incident: two incidents at one town are not swapped), then by distance."""
    spans = [evidence_spans(text, inc.get("evidence", "")) if text else [] for inc in incidents]
    pairs, order = [], []
    for ei, ev in enumerate(events):
        start = (ev.get("trigger") or {}).get("start")
        for ii, inc in enumerate(incidents):
            if type_ok(ev, inc):
                km = place_distance(ev, inc)
                if km is not None:
                    pair = (inc["status"] not in SCORED, km, ei, ii)
                    pairs.append(pair)
                    told = start is not None and any(s <= start < e for s, e in spans[ii])
                    order.append((pair[0], not told, km, ei, ii))
    pairs.sort()
    event_to: dict[int, int] = {}
    incident_to: dict[int, int] = {}
    for _optional, _told, _km, ei, ii in sorted(order):
        if ei not in event_to and ii not in incident_to:
            event_to[ei], incident_to[ii] = ii, ei
    return event_to, incident_to, pairs


def assign(article: dict[str, Any], events: list[dict[str, Any]]) -> list[str]:
    """What each event is to the article's gold: ``matched`` (it takes a core or context incident),
    ``duplicate`` (it could match a core or context incident another event took), ``optional``
    (it goes to, or could only match, optional incidents), ``told`` (it matches no incident, but
    its trigger lies in the evidence of one: an incident told with the wrong type or place) or
    ``noise`` (none of these)."""
    incidents = article.get("incidents", [])
    event_to, _incident_to, pairs = _match(incidents, events, article.get("text", ""))
    scored_pairs = {ei for optional, _k, ei, _i in pairs if not optional}
    any_pair = {ei for _o, _k, ei, _i in pairs}
    text = article.get("text", "")
    spans = [span for inc in incidents for span in evidence_spans(text, inc.get("evidence", ""))]
    out = []
    for ei, ev in enumerate(events):
        if ei in event_to:
            out.append("matched" if incidents[event_to[ei]]["status"] in SCORED else "optional")
        elif ei in scored_pairs:
            out.append("duplicate")
        elif ei in any_pair:
            out.append("optional")
        elif any(s <= ev["trigger"]["start"] < e for s, e in spans):
            out.append("told")
        else:
            out.append("noise")
    return out


def score_article(article: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts for one article: its gold row and the events of its record, as dicts."""
    incidents = article.get("incidents", [])
    event_to, incident_to, pairs = _match(incidents, events, article.get("text", ""))
    candidates = {ei for _o, _k, ei, _i in pairs}
    matched = [(ii, ei) for ii, ei in incident_to.items() if incidents[ii]["status"] in SCORED]
    optional = sum(1 for ii in incident_to if incidents[ii]["status"] not in SCORED)
    out: dict[str, Any] = {
        "scored": sum(1 for inc in incidents if inc["status"] in SCORED),
        "matched": len(matched),
        "events": len(events),
        "optional_matched": optional,
        "duplicates": len(candidates - set(event_to)),
        "noise": len(events) - len(candidates),
        "killed_ok": 0, "injured_ok": 0, "dated": 0, "date_ok": 0,
        "placeable": 0, "placed": 0, "far": 0, "misses": [], "noise_events": [], "confidences": [],
    }
    for ii, ei in matched:
        inc, ev = incidents[ii], events[ei]
        out["killed_ok"] += _figure_ok(ev.get("fatalities"), inc.get("killed_ok", []))
        out["injured_ok"] += _figure_ok(ev.get("injured"), inc.get("injured_ok", []))
        if inc.get("date"):
            out["dated"] += 1
            out["date_ok"] += _date_ok(ev.get("date"), inc.get("date_ok", []))
    text = article.get("text", "")
    for ii, inc in enumerate(incidents):
        if inc["status"] not in SCORED:
            continue
        spans = evidence_spans(text, inc.get("evidence", ""))
        told = [ev for ev in events if type_ok(ev, inc)
                and any(s <= ev["trigger"]["start"] < e for s, e in spans)]
        if told:
            out["placeable"] += 1
            out["placed"] += any(place_distance(ev, inc) is not None for ev in told)
        if ii not in incident_to:
            out["misses"].append(inc["gid"])
    coords = [inc["coord"] for inc in incidents if inc.get("coord")]
    for kind, ev in zip(assign(article, events), events):
        if kind in ("matched", "duplicate", "noise"):  # told / optional: neither right nor wrong
            out["confidences"].append((float(ev.get("confidence") or 0.0), kind != "noise"))
    for ei, ev in enumerate(events):
        loc = ev.get("location") or {}
        if coords and loc.get("lat") is not None and loc.get("lon") is not None:
            if min(haversine_km(loc["lat"], loc["lon"], c[0], c[1]) for c in coords) > FAR_KM:
                out["far"] += 1
        if ei not in candidates:
            out["noise_events"].append(ev.get("summary"))
    return out


def score(articles: Iterable[dict[str, Any]], records: Iterable[dict[str, Any] | None]) -> tuple[dict[str, float], dict[str, Any]]:
    """Metrics and details over articles and their records (None: no record, every incident missed)."""
    total: dict[str, int] = {}
    per_article = {}
    confidences: list[tuple[float, bool]] = []
    for article, record in zip(articles, records):
        counts = score_article(article, (record or {}).get("events", []))
        confidences.extend(counts["confidences"])
        per_article[article["id"]] = {k: counts[k] for k in ("scored", "matched", "events", "duplicates", "noise", "misses")}
        for k, v in counts.items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
    def ratio(a: str, b: str) -> float:
        return total.get(a, 0) / total[b] if total.get(b) else 0.0
    denominator = total.get("events", 0) - total.get("optional_matched", 0)
    recall = ratio("matched", "scored")
    precision = total.get("matched", 0) / denominator if denominator > 0 else 0.0
    metrics = {
        "recall": recall,
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "killed_exact": ratio("killed_ok", "matched"),
        "injured_exact": ratio("injured_ok", "matched"),
        "date_accuracy": ratio("date_ok", "dated"),
        "place_accuracy": ratio("placed", "placeable"),
        "duplicates": float(total.get("duplicates", 0)),
        "noise": float(total.get("noise", 0)),
        "far_events": float(total.get("far", 0)),
        # calibration of event confidence: an event is right when it matches (or duplicates) a scored incident
        "ece": expected_calibration_error([c for c, _ in confidences], [y for _, y in confidences]),
    }
    details = {"counts": total, "articles": per_article}
    return metrics, details


@register("realnews_dev")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl(FILE)
    items = [{"text": r["text"], "published": r.get("published"), "id": r["id"], "title": r.get("title")} for r in rows]
    records = [rec.to_dict() if rec is not None else None
               for rec in ctx.track(ctx.records(items), total=len(items), what="extracting")]
    metrics, details = score(rows, records)
    return EvalResult(dataset="realnews_dev", n=len(rows), metrics=metrics, details=details)
