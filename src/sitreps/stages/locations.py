"""``locations``: each event's ``location``, from the toponyms the ``places`` stage recognised: its
most specific resolved place in its own clause (the places whose dependency path reaches the
trigger's clause without crossing into another), else in its sentence, else the nearest earlier
one that fits, else the one place the article names (every other place it names is that place or
holds it: a local story's town, its county, its state; not for an event its sentence spreads "in a
dozen towns"), else the dateline (where the reporter files from, never a rival to the places the
text names), else the article's country (from the gazetteer when the article names it only by its
places) — never a guess dressed up as a point. An incident told at a region or country in one
sentence and at one town inside it in another is placed at the town. An event whose sentence names
a place the gazetteer lacks is placed near the place the sentences before it give, else near the
article's one place (``location.near``, ACLED's geo_precision 2), never at the dateline. "In
the country" places an event at the country the sentence or the article names, and "in the capital"
at its capital; when the article names them only by places inside (or not at all), they come from
the gazetteer, with no span.

Where a statement was made is not where its event happened: "the ministry said in Moscow that
drones were downed over Kursk" places the downing in Kursk, and a place that only says where the
speaker sits ("the ministry in Moscow said ...", "told reporters in Kyiv") ranks after every other
place of the sentence. A place that is the subject or possessor ("Russia launched", "Turkey's
ministry") names an actor; a passive subject ("Darivka district was struck") is where it happened,
and so is a place that owns a part of itself ("Kharkiv's outskirts", "Plateau State's ... areas",
"Detroit's east side").
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pydantic import Field

from ..parse import text_of, tokens_in
from ..contract import Context, Stage
from ..geo.distance import county_holds, haversine_km
from ..geo.names import PLURALS
from ..geo.cues import CUE_AFTER, CUE_BEFORE_OF, apposed_place
from ..geo.recognise import GENERIC
from ..lang import load
from ..record import TOWN_OR_FINER, Location, Place
from ..settings import StageSettings
from ..text.incident_places import WITHIN_CITY_KM, destination, lies_in

if TYPE_CHECKING:
    from ..geo.resolve import Resolved


class LocationsOptions(StageSettings):
    """``[stages.locations]``"""

    #: how many sentences back an event with no place of its own may borrow one from
    lookback: int = Field(3, ge=0)


#: verbs of saying: a place they govern ("said in Moscow") is where a statement was made
SPEECH = load("en").words_of("attribution").speech | {"speak", "brief"}
#: nouns that refer back to the country an article names ("over the country")
THE_COUNTRY = {"country": "country", "nation": "country", "capital": "capital"}
#: nouns for a part of a place: a place that owns one ("Plateau State's ... local government areas",
#: "Kharkiv's outskirts") is where it lies, not an actor
PART_NOUNS = GENERIC | CUE_BEFORE_OF | frozenset(c.split()[-1] for c in CUE_AFTER) | {
    "area", "areas", "communities", "outskirts", "suburbs", "neighbourhoods", "neighborhoods", "camps", "countryside"}
#: words of a compass point: a place that owns a common noun they modify ("Detroit's east side",
#: "Ukraine's eastern front") owns a part of itself ("Israel's Southern Command", a name, is an actor's)
COMPASS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "eastern",
                     "western", "northern", "southern", "northeastern", "northwestern", "southeastern", "southwestern",
                     "downtown"})
#: words of many places: an event told "in a dozen towns" or "in several cities" lies at no one place
SPREAD = frozenset(PLURALS) | {"areas", "communities", "neighbourhoods", "neighborhoods", "settlements", "localities",
                               "countries", "nationwide"}
#: dependencies that start a clause of their own
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj"})


def _is_actor(doc, r: "Resolved", owners: dict[int, int], text: str) -> bool:
    start, end = r.mention.tokens
    if end <= start or r.mention.source == "dateline":
        return False
    root = doc[start:end].root
    if root.dep_ == "poss" and (owners and owners.get(root.head.i, -1) not in (-1, start) or root.head.lower_ in PART_NOUNS
                                or (root.head.pos_ == "NOUN" and any(c.lower_ in COMPASS and c.is_lower
                                                                       for c in root.head.children if c.dep_ in ("amod", "compound")))):
        return False  # "Kherson Oblast's Darivka district", "Kharkiv's outskirts", "Detroit's east side": a place that contains another
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and not any(c.dep_ in ("attr", "acomp") for c in root.head.children):
        return False  # "…, as was the regional capital": the act told again of a place, which does nothing
    if root.dep_ in ("nsubj", "poss"):
        # "Kostiantynivka, a community in Donetsk Oblast, spent an hour under fire": a subject told
        # as a place by its apposition is where it happened, not a town council that acts
        return not (root.dep_ == "nsubj" and apposed_place(text, r.mention.end))
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].tag_ in ("VBN", "VBD"):
        return True  # "Iran-backed", "Kyiv-based": whom a group is tied to, not where something happened
    return root.dep_ == "compound" and root.head.ent_type_ == "PERSON" or (root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.ent_type_ in ("PERSON", "ORG"))


def _statement(doc, r: "Resolved") -> tuple[str, int] | None:
    """``("said", i)`` when the place says where a statement was made (a prepositional phrase of a
    verb of saying, before what it reports: "said in Moscow that ..."), ``("speaker", i)`` when it
    only says where the speaker is ("the ministry in Moscow said", "at a news conference in
    Kyiv"); ``i`` is the speech verb's token. None for any other place, and for the place of a
    passive verb of saying whose subject is what is told ("attacks were reported in the Bryansk
    region": where they happened)."""
    start, end = r.mention.tokens
    if end <= start or r.mention.source == "dateline":
        return None
    tok = doc[start:end].root
    for _ in range(4):
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            return None
        prep, head = tok.head, tok.head.head
        if head.lemma_ in SPEECH and head.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "nsubjpass" and c.ent_type_ not in ("PERSON", "ORG", "NORP") for c in head.children):
                return None  # "attacks were reported in the Bryansk region": where what is reported happened
            content = [c.left_edge.i for c in head.children if c.dep_ in ("ccomp", "xcomp")]
            return ("said", head.i) if not content or prep.i < min(content) else None
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "nsubj" and head.head.lemma_ in SPEECH:
            return ("speaker", head.head.i)
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        tok = head  # "at a news conference in Kyiv": climb to the conference
    return None


def _clause(tok):
    """The token that heads ``tok``'s clause."""
    for _ in range(40):
        if tok.dep_ in CLAUSE_DEPS or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")) or tok.head is tok:
            return tok
        tok = tok.head
    return tok


class LocationsStage(Stage):
    name = "locations"
    reads = ("doc", "events", "anchors", "places", "toponyms")
    writes = ("events.location",)
    Options = LocationsOptions

    def __call__(self, ctx: Context) -> None:
        self._locate_events(ctx, ctx.toponyms or [], ctx.places or [])

    def _country(self, cc: str, how: str, capital: bool = False) -> Location | None:
        """Country ``cc`` (or its capital) as an event's location when the article names it only by
        places inside it (or names the capital only as "the capital")."""
        from ..geo.gazetteer import ensure_gazetteer

        gaz = ensure_gazetteer(self.settings)
        cand = gaz.capital_place(cc) if capital else gaz.country_place(cc)
        return _country_location(cand, how) if cand is not None and cand.lat is not None else None

    def _locate_events(self, ctx: Context, resolved: list["Resolved"], places: list[Place]) -> None:
        anchors = ctx.anchors or {}
        # a place that is the subject or possessor ("Russia launched", "Turkey's ministry", "Kyiv Mayor X")
        # names an actor, not where something happened
        doc = ctx.doc
        owners = {i: r.mention.tokens[0] for r in resolved for i in range(*r.mention.tokens)}
        text = text_of(doc)
        located = [(r, p) for r, p in zip(resolved, places) if p.lat is not None and not _is_actor(doc, r, owners, text)]
        dateline = next(((r, p) for r, p in located if r.mention.source == "dateline"), None)
        # the dateline says where the reporter files from, not where the event happened: it shares the
        # lead's sentence but is no place *of* that sentence, and only stands in when the text names none
        # nor is where the wounded were taken ("taken to a hospital in Bannu")
        told = [(r, p) for r, p in located if r.mention.source != "dateline" and not destination(doc[r.mention.tokens[0]])]
        said = {id(r): _statement(doc, r) for r, _ in told}
        countries = Counter(p.country for _, p in located if p.country)
        # the country most of the article's place names lie in (actors too), the article's country
        # even when it never names it; with no majority ("Erie" once and a "Police" read as a Polish
        # town) only a country the article names stands in
        named = Counter(p.country for p in places if p.lat is not None and p.country)
        top = named.most_common(1)[0] if named else None
        majority = top[0] if top and top[1] * 2 > sum(named.values()) else None
        # the one place a local story names throughout ("Memphis", "Shelby County", "Tennessee"), for
        # an event whose sentences name none the gazetteer knows
        alone = _one_place([p for p in places if p.lat is not None], told)
        for event in ctx.events or ():
            anchor = anchors.get(event.id)
            sents = set(anchor.sents) if anchor else set()
            start = anchor.start if anchor else event.trigger.start
            end = anchor.end if anchor else event.trigger.end
            pick, how = None, ""
            trig = event.trigger.start
            tokens = set(anchor.tokens) if anchor else set()
            # where a statement was made is no place of the event (unless the event is that statement)
            own = [(r, p) for r, p in told if not (said[id(r)] and said[id(r)][0] == "said" and said[id(r)][1] not in tokens)]
            trig_tok = _token_at(doc, trig)
            if anchor is not None and anchor.place is not None:
                # one of the places the event's clause lists: the events stage split the list
                pick = next(((r, p) for r, p in own if p.start == anchor.place), None)
                how = "in the event's clause (one of the places it lists)"
            if trig_tok is not None and pick is None:
                sent = trig_tok.sent
                here = [(r, p) for r, p in own if sent.start <= r.mention.tokens[0] < sent.end]
                if here:
                    head = _clause(trig_tok)

                    def rank(rp):
                        r, p = rp
                        said_by = said[id(r)]
                        return (_clause(doc[r.mention.tokens[0]:r.mention.tokens[1]].root) == head, said_by is None or said_by[1] in tokens,
                                r.specificity, r.mention.parent is not None, -abs(p.start - trig))

                    pick = max(here, key=rank)
                    how = "in the event's clause" if rank(pick)[0] else "in the event's sentence"
            if pick is None:
                in_clause = [(r, p) for r, p in own if start <= p.start < end]
                # in the event's other sentences, the capital a speaker sits in ("the Taliban administration
                # in Kabul said its forces had responded") names a government, not where the event was (any
                # speaker's town left out cost GVA merging 0.005: "police in Memphis said" tells the town)
                in_sent = [(r, p) for r, p in own if r.mention.sent in sents
                           and not (said[id(r)] and said[id(r)][0] == "speaker" and r.place is not None and r.place.fcode == "PPLC")]
                for group, label in ((in_clause, "in the event's clause"), (in_sent, "in the event's sentence")):
                    if group:
                        pick = max(group, key=lambda rp: (rp[0].specificity, rp[0].mention.parent is not None, -abs(rp[1].start - trig)))
                        how = label
                        break
            if pick is not None and len(sents) > 1:
                in_event = [(r, p) for r, p in own if r.mention.sent in sents]
                pick, how = _finer_inside(pick, how, in_event)
                if pick[1].precision == "country" and tokens:
                    pick, how = _region_of_an_act(doc, pick, how, in_event, tokens)
            said_of = _says_the(trig_tok.sent) if pick is None and trig_tok is not None else None
            if said_of:
                # "shot down 50 drones over the country", "protests flared in the capital": the country the
                # sentence names, else the article's; its capital only when the article names it
                near = [(r, p) for r, p in zip(resolved, places) if p.precision == "country" and trig_tok.sent.start <= r.mention.tokens[0] < trig_tok.sent.end]
                cc = near[0][1].country if near else (countries.most_common(1)[0][0] if countries else None)
                if said_of == "country":
                    pick = next(((r, p) for r, p in zip(resolved, places) if p.country == cc and p.precision == "country"), None)
                    if pick is None and cc is not None:
                        event.location = self._country(cc, "'the country' of the event's sentence")  # named only by its places
                        if event.location is not None:
                            continue
                else:
                    pick = next(((r, p) for r, p in located if p.country == cc and r.place is not None and r.place.fcode == "PPLC"), None)
                    if pick is None and cc is not None:
                        event.location = self._country(cc, "'the capital' of the event's sentence", capital=True)
                        if event.location is not None:
                            continue
                how = f"'the {said_of}' of the event's sentence"
            # the article's one place, unless the event's sentence spreads it over many ("in a dozen towns")
            one = alone if alone is not None and pick is None and trig_tok is not None and not any(
                t.lower_ in SPREAD for t in tokens_in(trig_tok.sent)) else None
            unknown_here = [p for r, p in zip(resolved, places) if p.lat is None and r.mention.sent in sents]
            missing = unknown_here[0] if pick is None and unknown_here else None
            if pick is None and sents:
                first = min(sents)
                earlier = [(r, p) for r, p in own if first - self.options.lookback <= r.mention.sent < first]
                if missing is not None:
                    # a village the gazetteer lacks lies near a town, not in a country named on the way
                    # ("rocket fire toward Israel"): the nearest earlier town, district or region first
                    earlier = [(r, p) for r, p in earlier if p.precision not in ("country", "sea")] or earlier
                if earlier:
                    pick = max(earlier, key=lambda rp: (rp[0].mention.sent, rp[0].specificity, rp[0].mention.start))
                    how = "nearest earlier place"
            if missing is not None:
                # the sentence names a place the gazetteer lacks (a neighbourhood, a street, a village): the
                # text says so, and the event is placed, as ACLED does, near the place the sentences just
                # before give, at that place's precision; else unknown. Never at the dateline: a wire
                # story's dateline city may lie a country away from the village ("MAPUTO" … "Nangade")
                if pick is None and one is not None:
                    pick, how = one, "article's one place"
                if pick is None:
                    event.location = Location(name=None, text=missing.text, start=missing.start, end=missing.end, precision="unknown",
                                              resolution=f"its place ({missing.text}) is not in the gazetteer", confidence=0.0)
                    continue
                how = f"its place ({missing.text}) is not in the gazetteer; placed near it, at the {how}"
            if pick is None and one is not None:
                pick, how = one, "the article's one place"
            if pick is None and dateline is not None:
                pick, how = dateline, "dateline"
            if pick is None and countries:
                cc = countries.most_common(1)[0][0]
                pick = next(((r, p) for r, p in located if p.country == cc and p.precision == "country"), None)
                if pick is None and cc == majority:  # the article names the country only by its places
                    event.location = self._country(cc, "the article's country")
                    if event.location is not None:
                        continue
                how = "the article's country"
            if pick is None:
                loc = Location(name=None, text=None, start=None, end=None, precision="unknown", resolution="no place in the article")
            else:
                r, p = pick
                told_at = missing or p  # a place the gazetteer lacks keeps its own words and span
                loc = Location(name=p.name, text=told_at.text, start=told_at.start, end=told_at.end, geonames_id=p.geonames_id,
                               lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1, admin2=p.admin2, precision=p.precision,
                               resolution=f"{how}: {p.resolution}", near=missing is not None and p.precision in TOWN_OR_FINER,
                               confidence=round((p.confidence or 0.5) * (1.0 if how.startswith("in the") else 0.7), 2))
            event.location = loc


def _holds(wide: Place, fine: Place) -> bool:
    """Whether ``wide`` is ``fine`` or holds it: its region or country, the county around a town, the
    town around a neighbourhood."""
    if wide.geonames_id is not None and wide.geonames_id == fine.geonames_id:
        return True
    if wide.country != fine.country or wide.lat is None or fine.lat is None:
        return False
    if wide.precision in ("region", "country"):
        return lies_in(fine, wide)
    if wide.precision == "city" and fine.precision == "point":
        return wide.admin1 == fine.admin1 and haversine_km(wide.lat, wide.lon, fine.lat, fine.lon) <= WITHIN_CITY_KM
    return county_holds(wide, fine)


def _one_place(every: list[Place], located: list[tuple]) -> tuple | None:
    """The place an article names alone, as ``(resolved, place)`` of ``located``: the finest of
    ``every`` place it names, when each of the others is that place or holds it (a town, its county,
    its state). None when the article names two places apart, or that place only as an actor or in
    its dateline (where the reporter files from)."""
    every = list({(p.geonames_id, p.name): p for p in every}.values())  # each place once, however often named
    finest = [p for p in every if all(_holds(o, p) for o in every)]
    if not finest:
        return None
    order = ("point", "city", "district", "region", "country")
    best = min(finest, key=lambda p: order.index(p.precision) if p.precision in order else len(order))
    return next(((r, p) for r, p in located if p.geonames_id == best.geonames_id), None)


def _country_location(cand, how: str) -> Location:
    """A country (or its capital) the article never names as such, from the gazetteer: no span."""
    what = "the capital of the article's country" if cand.precision == "city" else "the country of the article's places"
    return Location(name=cand.name, text=None, start=None, end=None, geonames_id=cand.geonames_id, lat=cand.lat, lon=cand.lon,
                    country=cand.country, admin1=cand.admin1, precision=cand.precision, resolution=f"{how}: {what}", confidence=0.35)


def _finer_inside(pick, how: str, told: list) -> tuple:
    """The one finer place, inside the picked region or country, that the event's other sentences
    name: an incident told at the region in its lead and at the town further on is placed at the
    town (the spec's "most specific place"). Two or more such places leave the wider one."""
    wide = pick[1]
    finer = [(r, p) for r, p in told if p.precision in TOWN_OR_FINER and p.geonames_id != wide.geonames_id and lies_in(p, wide)]
    if len({p.geonames_id for _, p in finer}) != 1:
        return pick, how
    return finer[0], f"in the event's other sentences, inside {wide.name}"


def _region_of_an_act(doc, pick, how: str, told: list, tokens: set[int]) -> tuple:
    """The one region inside the picked country that the clause of one of the event's own acts names:
    "Myanmar junta air strike kills 18" over "A military air strike on a village in the Sagaing
    region killed 18" is in Sagaing. Only a region told in an act's own clause, and not in the
    headline, which sums up the night: "… strike damages energy site in Odesa region" above a lead
    about the night's launch across the country does not narrow the launch."""
    wide = pick[1]
    heads = {_clause(doc[i]).i for i in tokens}
    regions = [(r, p) for r, p in told if p.precision == "region" and r.mention.sent > 0 and p.geonames_id != wide.geonames_id and lies_in(p, wide)
               and _clause(doc[r.mention.tokens[0]:r.mention.tokens[1]].root).i in heads]
    if len({p.geonames_id for _, p in regions}) != 1:
        return pick, how
    return regions[0], f"in the clause of one of the event's acts, inside {wide.name}"


def _says_the(sent) -> str | None:
    """``"country"`` when a sentence places something "over/across/in the country", ``"capital"``
    for "in the capital" (the country or capital the article named); None otherwise."""
    for t in tokens_in(sent):
        if t.lower_ in THE_COUNTRY and t.i > 0 and t.nbor(-1).lower_ == "the" and t.head.dep_ == "prep":
            return THE_COUNTRY[t.lower_]
    return None


def _token_at(doc, char: int):
    """The token that starts at (or covers) character ``char``; None outside the text."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
