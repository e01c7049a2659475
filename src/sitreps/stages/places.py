"""``places``: every toponym the article names, resolved against the gazetteer (``record.places``,
``data["place_mentions"]``), and each event's ``location``: its most specific resolved place in its
own clause or sentence, else the nearest earlier one that fits, else the dateline (where the
reporter files from, never a rival to the places the text names), else the article's country —
never a guess dressed up as a point.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING

from ..pipeline import Context, Stage
from ..record import Location, Place

if TYPE_CHECKING:
    from ..geo.resolve import Resolved

#: how many sentences back an event may borrow a place from
LOOKBACK = 3


def _demonyms() -> frozenset[str]:
    from ..geo.build import country_rows
    from ..geo.names import normalize

    words = set()
    for row in country_rows():
        if len(row) > 4 and row[4]:
            words.add(normalize(row[4]))
    words |= {"russian", "ukrainian", "israeli", "palestinian", "american", "british", "syrian", "iranian", "iraqi",
              "afghan", "turkish", "kurdish", "european", "african", "asian", "arab", "western", "soviet", "chinese",
              "houthi", "lebanese", "yemeni", "belarusian", "chechen", "crimean", "english", "french", "german"}
    return frozenset(words)


#: generic words for a part of a city ("the Darnytskyi district"), unlike "commune" or "county"
CITY_PART_WORDS = frozenset({"district", "raion", "rayon", "borough", "subdistrict", "neighbourhood", "neighborhood"})


def _city_part(text: str) -> bool:
    from ..geo.names import normalize

    words = normalize(text).split()
    return bool(words) and (words[-1] in CITY_PART_WORDS or words[-2:] == ["sub", "district"])


def _is_actor(doc, r: "Resolved") -> bool:
    start, end = r.mention.tokens
    if end <= start or r.mention.source == "dateline":
        return False
    root = doc[start:end].root
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    return root.dep_ == "compound" and root.head.ent_type_ == "PERSON" or (root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.ent_type_ in ("PERSON", "ORG"))


class PlacesStage(Stage):
    name = "places"
    requires = ("events", "anchors", "entities")
    assigns = ("places", "place_mentions", "locations")

    def __init__(self, settings, nlp):
        super().__init__(settings, nlp)
        self._parts = None
        self._parts_lock = threading.Lock()  # threads that start cold open the gazetteer once

    def _tools(self):
        if self._parts is None:
            from ..geo.gazetteer import ensure_gazetteer
            from ..geo.recognise import Recogniser
            from ..geo.resolve import Resolver

            with self._parts_lock:
                if self._parts is None:
                    gaz = ensure_gazetteer(self.settings)
                    self._parts = (gaz, Recogniser(gaz, _demonyms()), Resolver(gaz))
        return self._parts

    def __call__(self, ctx: Context) -> Context:
        gaz, recogniser, resolver = self._tools()
        mentions = recogniser.find(ctx.doc)
        resolved = resolver.resolve(mentions)
        places = [self._place(gaz, r) for r in resolved]
        self._local_districts(resolved, places)
        ctx.record.places = places
        ctx.data["place_mentions"] = places
        ctx.data["locations"] = self._locate_events(ctx, resolved, places)
        return ctx

    @staticmethod
    def _place(gaz, r: "Resolved") -> Place:
        m, c = r.mention, r.place
        if c is None:
            return Place(text=m.text, start=m.start, end=m.end, precision="unknown", resolution=r.resolution, confidence=0.0)
        admin1 = c.name if c.kind == "admin1" else gaz.admin1_name(c.country, c.admin1)
        return Place(text=m.text, start=m.start, end=m.end, name=c.name, geonames_id=c.geonames_id, lat=c.lat, lon=c.lon,
                     country=c.country, admin1=admin1, admin2=c.admin2 if c.kind not in ("admin1", "country") else None,
                     precision=r.precision, resolution=r.resolution, confidence=r.confidence)

    @staticmethod
    def _local_districts(resolved: list["Resolved"], places: list[Place]) -> None:
        """A district the gazetteer lacks ("the Darnytskyi district") lies in the article's dateline
        city when there is one: placed at that city, with city precision and the reason said. Only a
        word for part of a city counts: a rural "commune", "county" or "municipality", or a district
        of a named (unresolved) region, may lie anywhere in the country, so it stays unknown."""
        city = next((p for r, p in zip(resolved, places) if r.mention.source == "dateline" and p.precision == "city"), None)
        if city is None:
            return
        for r, p in zip(resolved, places):
            if p.lat is None and r.mention.hint == "admin2" and r.mention.parent is None and _city_part(p.text):
                p.name, p.geonames_id, p.lat, p.lon = city.name, city.geonames_id, city.lat, city.lon
                p.country, p.admin1, p.precision = city.country, city.admin1, "city"
                p.resolution, p.confidence = f"district not in the gazetteer; placed at the dateline city {city.name}", 0.4

    def _locate_events(self, ctx: Context, resolved: list["Resolved"], places: list[Place]) -> dict[str, Location]:
        anchors = ctx.data.get("anchors") or {}
        # a place that is the subject or possessor ("Russia launched", "Turkey's ministry", "Kyiv Mayor X")
        # names an actor, not where something happened
        located = [(r, p) for r, p in zip(resolved, places) if p.lat is not None and not _is_actor(ctx.doc, r)]
        dateline = next(((r, p) for r, p in located if r.mention.source == "dateline"), None)
        # the dateline says where the reporter files from, not where the event happened: it shares the
        # lead's sentence but is no place *of* that sentence, and only stands in when the text names none
        told = [(r, p) for r, p in located if r.mention.source != "dateline"]
        countries = Counter(p.country for _, p in located if p.country)
        out: dict[str, Location] = {}
        for event in ctx.record.events:
            anchor = anchors.get(event.id)
            sents = set(anchor.sents) if anchor else set()
            start = anchor.start if anchor else event.trigger.start
            end = anchor.end if anchor else event.trigger.end
            pick, how = None, ""
            in_clause = [(r, p) for r, p in told if start <= p.start < end]
            in_sent = [(r, p) for r, p in told if r.mention.sent in sents]
            for group, label in ((in_clause, "in the event's clause"), (in_sent, "in the event's sentence")):
                if group:
                    trig = event.trigger.start
                    pick = max(group, key=lambda rp: (rp[0].specificity, rp[0].mention.parent is not None, -abs(rp[1].start - trig)))
                    how = label
                    break
            unknown_here = [p for r, p in zip(resolved, places) if p.lat is None and r.mention.sent in sents]
            if pick is None and unknown_here:
                # the sentence names its place but the gazetteer lacks it: say so rather than borrow another
                p = unknown_here[0]
                loc = Location(name=None, text=p.text, start=p.start, end=p.end, precision="unknown",
                               resolution=f"its place ({p.text}) is not in the gazetteer", confidence=0.0)
                event.location = loc
                out[event.id] = loc
                continue
            if pick is None and sents:
                first = min(sents)
                earlier = [(r, p) for r, p in told if first - LOOKBACK <= r.mention.sent < first]
                if earlier:
                    pick = max(earlier, key=lambda rp: (rp[0].mention.sent, rp[0].specificity))
                    how = "nearest earlier place"
            if pick is None and dateline is not None:
                pick, how = dateline, "dateline"
            if pick is None and countries:
                cc = countries.most_common(1)[0][0]
                pick = next(((r, p) for r, p in located if p.country == cc and p.precision == "country"), None)
                how = "the article's country"
            if pick is None:
                loc = Location(name=None, text=None, start=None, end=None, precision="unknown", resolution="no place in the article")
            else:
                r, p = pick
                loc = Location(name=p.name, text=p.text, start=p.start, end=p.end, geonames_id=p.geonames_id, lat=p.lat, lon=p.lon,
                               country=p.country, admin1=p.admin1, admin2=p.admin2, precision=p.precision,
                               resolution=f"{how}: {p.resolution}", confidence=round((p.confidence or 0.5) * (1.0 if how.startswith("in the") else 0.7), 2))
            event.location = loc
            out[event.id] = loc
        return out
