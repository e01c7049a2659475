"""Gold toponym spans as the resolver sees them: the gazetteer, recogniser and resolver the
``places`` stage builds, a gold span turned into a :class:`~sitreps.geo.recognise.Mention`, and
the article's other mentions around it. Shared by the geoparsing evaluation
(:mod:`sitreps.evaluation.geoparse`) and the training of the candidate ranker
(:mod:`sitreps.training.places`), so both see a toponym in exactly the same context. Also the
readers of the two toponym-gold data sets (GeoWebNews, TR-News)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..geo.names import normalize

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


    def in_context(self, doc, gold: Sequence[GoldSpan], found=None) -> tuple[list, list]:
        """The gold spans as mentions, and all the document's mentions (ours where they do not
        overlap a gold span, and the gold ones) in text order with containment linked: what the
        resolver sees for the gold toponyms, here and in ``sitreps train places``."""
        if found is None:
            found = self.recogniser.find(doc)
        gold_ms = [self.gold_mention(doc, g.start, g.end) for g in gold]
        context = [m for m in found if not any(m.start < g.end and g.start < m.end for g in gold)]
        merged = sorted(context + gold_ms, key=lambda m: m.start)
        self.recogniser.link_containers(doc, merged)
        return gold_ms, merged


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


def geowebnews_documents(rows: Iterable[dict[str, Any]]) -> list[tuple[str, list[GoldSpan], list[tuple[int, int]]]]:
    """GeoWebNews rows -> (text, gold spans with coordinates, gold spans for recognition) per article."""
    docs = []
    for row in rows:
        tops = [t for t in row["toponyms"] if t.get("geonames_id") and t.get("lat") is not None and t.get("surface_matches_text", True)]
        gold = [GoldSpan(t["start"], t["end"], float(t["lat"]), float(t["lon"]), t.get("geonames_id")) for t in tops]
        docs.append((row["text"], gold, [(t["start"], t["end"]) for t in tops]))
    return docs


def tr_news_documents(rows: Iterable[dict[str, Any]]) -> list[tuple[str, list[GoldSpan], list[tuple[int, int]]]]:
    """TR-News rows (aligned offsets) -> (text, gold spans with coordinates, gold spans for recognition)."""
    docs = []
    for row in rows:
        tops = [t for t in row["toponyms"] if t.get("aligned_start") is not None]
        spans = [(t["aligned_start"], t["aligned_end"]) for t in tops]
        gold = [GoldSpan(t["aligned_start"], t["aligned_end"], float(t["lat"]), float(t["lon"]), t.get("geonames_id")) for t in tops if t.get("lat") is not None]
        docs.append((row["text"], gold, spans))
    return docs
