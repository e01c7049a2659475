"""UCDP GED sample: geocode each event's ``where_description`` given its country, against UCDP's
coordinates (acc@161 km, mean/median error) and admin1 names (admin1_accuracy)."""

from __future__ import annotations

import statistics
from collections import Counter
from types import SimpleNamespace

import re

from ..geoparse import MAX_KM, GeoTools
from ...geo.gazetteer import edit_distance
from ...geo.names import normalize, split_generic, variants
from ..harness import EvalContext, EvalResult, register
from ..metrics import geo_auc, haversine_km


def _admin_key(name: str | None) -> str:
    return split_generic(normalize(name or ""))[0].replace("al ", "").replace("ar ", "").replace("as ", "")


def _same_admin(gold: str | None, ours: str | None) -> bool:
    """Admin1 names match across romanisations ("Hilmand" / "Helmand", "Şırnak" / "Sirnak",
    "Hamah" / "Hama", "Jammu and Kashmir" / "Kashmir")."""
    if not gold or not ours:
        return False
    g, o = _admin_key(gold), _admin_key(ours)
    if not g or not o:
        return False
    if g == o or g in variants(o) or o in variants(g):
        return True
    if g.removesuffix("h") == o.removesuffix("h") and g.endswith("ah") != o.endswith("ah"):
        return True  # Arabic's final ta marbuta, with and without an "h" ("Hamah governorate" / "Hama")
    if min(len(g), len(o)) >= 5 and edit_distance(g, o) <= 2:
        return True
    return f" {o} " in f" {g} " or f" {g} " in f" {o} "


@register("ucdp_ged_sample")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl("ucdp_ged_sample.jsonl")
    tools = GeoTools()
    texts = [r["gold"]["where_description"] or "" for r in rows]
    docs = ctx.parse(texts, SimpleNamespace(nlp=tools.nlp))
    errors, admin_hits, admin_n = [], 0, 0
    how: Counter = Counter()
    misses, admin_misses = [], []
    for row, doc in ctx.track(zip(rows, docs), total=len(rows), what="geocoding"):
        gold = row["gold"]
        country_name = re.sub(r"\s*\(.*?\)", "", gold["country"] or "")  # "DR Congo (Zaire)"
        country = next((c for c in tools.gaz.lookup(normalize(country_name)) if c.kind == "country"), None)
        context = Counter({country.country: 5.0}) if country else Counter()
        mentions = tools.recogniser.find(doc, country=country.country if country else None)
        resolved = [r for r in tools.resolver.resolve(mentions, extra_context=context) if r.place is not None and r.place.lat is not None]
        if country:
            resolved = [r for r in resolved if r.place.country == country.country]
        if resolved:
            best = max(resolved, key=lambda r: (r.specificity, -r.mention.start))
            place = best.place
            how[best.precision] += 1
        else:
            place = country
            how["country fallback" if country else "none"] += 1
        err = MAX_KM if place is None else haversine_km(gold["latitude"], gold["longitude"], place.lat, place.lon)
        errors.append(err)
        if gold.get("adm_1"):
            admin_n += 1
            ours = place.name if place is not None and place.kind == "admin1" else (tools.gaz.admin1_name(place.country, place.admin1) if place else None)
            if _same_admin(gold["adm_1"], ours):
                admin_hits += 1
            elif len(admin_misses) < 60:
                admin_misses.append({"gold": gold["adm_1"], "ours": ours, "where": gold["where_description"]})
        if err >= 161 and len(misses) < 30:
            misses.append({"where": gold["where_description"], "chosen": place.name if place else None, "km": round(err)})
    metrics = {
        "acc_161km": sum(e < 161 for e in errors) / len(errors) if errors else 0.0,
        "mean_error_km": statistics.fmean(errors) if errors else MAX_KM,
        "median_error_km": statistics.median(errors) if errors else MAX_KM,
        "auc": geo_auc(errors),
        "admin1_accuracy": admin_hits / admin_n if admin_n else 0.0,
    }
    return EvalResult(dataset="ucdp_ged_sample", n=len(rows), metrics=metrics,
                      details={"placed_at": dict(how), "with_admin1": admin_n, "errors_over_161km": misses, "admin1_misses": admin_misses})
