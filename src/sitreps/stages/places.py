"""``places``: every toponym the article names, recognised once and resolved against the gazetteer:
the record's ``places`` and, for later stages, the ``toponyms`` slot (each with its mention: the
sentence, the tokens, whether it is the dateline). The events stage tells incidents apart by
them; the ``locations`` stage picks each event's location from them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ..parse import text_of
from ..contract import Context, Stage
from ..lang import load
from ..record import Place

if TYPE_CHECKING:
    from ..geo.resolve import Resolved

_W = load("en").words_of("places")  # lang/en/words.toml [places]


def _demonyms() -> frozenset[str]:
    from ..geo.build import country_rows
    from ..geo.names import normalize

    words = set()
    for row in country_rows():
        if len(row) > 4 and row[4]:
            words.add(normalize(row[4]))
    words |= _W.demonyms
    return frozenset(words)


#: how far from the city its sentence names a district may be resolved before it is taken to be that
#: city's own (see ``PlacesStage._districts_of_named_cities``)
DISTRICT_KM = 50.0
#: generic words for a part of a city ("the Darnytskyi district"), unlike "commune" or "county"
CITY_PART_WORDS = _W.city_part_words


def _city_part(text: str) -> bool:
    from ..geo.names import normalize

    words = normalize(text).split()
    return bool(words) and (words[-1] in CITY_PART_WORDS or words[-2:] == ["sub", "district"])


class PlacesStage(Stage):
    name = "places"
    reads = ("doc",)
    writes = ("places", "toponyms")

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

    def tools(self):
        """The gazetteer, recogniser and resolver this stage uses (built on first use), for code
        that measures or inspects place recognition with exactly the stage's own parts."""
        return self._tools()

    def __call__(self, ctx: Context) -> None:
        gaz, recogniser, resolver = self._tools()
        mentions = recogniser.find(ctx.doc)
        resolved = resolver.resolve(mentions, text=text_of(ctx.doc))
        resolved = resolved + self._regional_capitals(ctx.doc, gaz, resolved)
        resolved.sort(key=lambda r: r.mention.start)
        places = [self._place(gaz, r) for r in resolved]
        self._local_districts(resolved, places)
        self._districts_of_named_cities(resolved, places)
        ctx.places = places
        ctx.toponyms = resolved

    @staticmethod
    def _regional_capitals(doc, gaz, resolved: list["Resolved"]) -> list["Resolved"]:
        """"… was also struck, as was the regional capital": a place the text names by what it is,
        the seat of the region it named last (in that sentence or the one before), placed at that
        region's most populous town (:meth:`Gazetteer.largest_city`), with the reason said. None
        when the text names no region there, or names the capital itself ("the regional capital,
        Kherson", "the provincial capital of Bandar Abbas": a name the recogniser already found)."""
        from ..geo.recognise import Mention
        from ..geo.resolve import Resolved
        from ..parse import sents_of, tokens_of, words_in

        if "capital" not in words_in(doc):
            return []
        toks = tokens_of(doc)
        out: list[Resolved] = []
        taken = {i for r in resolved for i in range(*r.mention.tokens)}
        starts = [s.start for s in sents_of(doc)]
        for t in toks:
            if t.lower_ != "capital" or t.i < 2 or toks[t.i - 1].lower_ not in _W.region_capital_words or toks[t.i - 2].lower_ != "the":
                continue
            if t.i in taken or any(c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of") for c in t.children):
                continue  # the capital named beside it
            sent = max(k for k, s in enumerate(starts) if s <= t.i)
            regions = [r for r in resolved if r.place is not None and r.place.kind == "admin1" and r.mention.start < t.idx
                       and sent - 1 <= r.mention.sent <= sent]
            if not regions:
                continue
            region = max(regions, key=lambda r: r.mention.start).place
            seat = gaz.largest_city(region.country, region.admin1)
            if seat is None:
                continue
            a, b = toks[t.i - 2], t
            m = Mention(text=doc.text[a.idx:b.idx + len(b.text)], start=a.idx, end=b.idx + len(b.text), key=f"capital of {region.name}".lower(),
                        hint="city", source="reference", sent=sent, tokens=(a.i, b.i + 1), candidates=(seat,))
            out.append(Resolved(m, seat, f"the seat of {region.name}, the region named just before: its largest town "
                                         "(the gazetteer holds no regional seats)", 0.6, "city"))
        return out

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
    def _districts_of_named_cities(resolved: list["Resolved"], places: list[Place]) -> None:
        """A city district told in the sentence of its city ("In Rostov-on-Don itself, … in the
        Proletarsky district") lies in that city. Such names repeat from city to city (a Leninsky
        or Proletarsky district in most former Soviet cities), and the gazetteer holds a few
        elsewhere: a district resolved more than :data:`DISTRICT_KM` from the city its sentence
        names, in another region, is placed at that city instead, with the reason said; so is one the
        gazetteer lacks."""
        from ..geo.distance import haversine_km

        cities = [(r.mention.sent, p) for r, p in zip(resolved, places)
                  if p.precision == "city" and p.lat is not None and r.mention.source != "dateline"]  # where the reporter files from is no sentence's city
        for r, p in zip(resolved, places):
            if r.mention.hint != "admin2" or not _city_part(p.text) or p.precision == "city":
                continue
            here = [c for sent, c in cities if sent == r.mention.sent and c is not p]
            if len(here) != 1:
                continue
            city = here[0]
            if p.lat is not None and ((p.country, p.admin1) == (city.country, city.admin1)
                                      or haversine_km(p.lat, p.lon, city.lat, city.lon) <= DISTRICT_KM):
                continue  # a district found where its city is (one the gazetteer lacks is placed at the city)
            why = "a namesake lies elsewhere" if p.lat is not None else "not in the gazetteer"
            p.name, p.geonames_id, p.lat, p.lon = city.name, city.geonames_id, city.lat, city.lon
            p.country, p.admin1, p.admin2, p.precision = city.country, city.admin1, None, "city"
            p.resolution, p.confidence = f"a district of {city.name}, the city its sentence names ({why})", 0.5

    @staticmethod
    def _local_districts(resolved: list["Resolved"], places: list[Place]) -> None:
        """A district the gazetteer lacks ("the Darnytskyi district") lies in the article's dateline
        city when there is one: placed at that city, with city precision and the reason said. Only a
        word for part of a city counts: a rural "commune", "county" or "municipality", or a district
        of a named (unresolved) region, may lie anywhere in the country, so it stays unknown."""
        city = next((p for r, p in zip(resolved, places) if r.mention.source == "dateline" and p.precision == "city"), None)
        if city is None:
            return
        if any(p.precision == "region" and p.country == city.country and p.admin1 != city.admin1 for p in places):
            return  # the text names another region of the country ("Nangade district" of a Maputo story set in Cabo Delgado)
        for r, p in zip(resolved, places):
            if p.lat is None and r.mention.hint == "admin2" and r.mention.parent is None and _city_part(p.text):
                p.name, p.geonames_id, p.lat, p.lon = city.name, city.geonames_id, city.lat, city.lon
                p.country, p.admin1, p.precision = city.country, city.admin1, "city"
                p.resolution, p.confidence = f"district not in the gazetteer; placed at the dateline city {city.name}", 0.4
