"""``locations``: each event's ``location``, from the toponyms the ``places`` stage recognised: its
most specific resolved place in its own clause or sentence, else the nearest earlier one that
fits, else the dateline (where the reporter files from, never a rival to the places the text
names), else the article's country — never a guess dressed up as a point.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pydantic import Field

from ..contract import Context, Stage
from ..record import Location, Place
from ..settings import StageSettings

if TYPE_CHECKING:
    from ..geo.resolve import Resolved


class LocationsOptions(StageSettings):
    """``[stages.locations]``"""

    #: how many sentences back an event with no place of its own may borrow one from
    lookback: int = Field(3, ge=0)


def _is_actor(doc, r: "Resolved") -> bool:
    start, end = r.mention.tokens
    if end <= start or r.mention.source == "dateline":
        return False
    root = doc[start:end].root
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    return root.dep_ == "compound" and root.head.ent_type_ == "PERSON" or (root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.ent_type_ in ("PERSON", "ORG"))


class LocationsStage(Stage):
    name = "locations"
    reads = ("doc", "events", "anchors", "places", "toponyms")
    writes = ("events.location",)
    Options = LocationsOptions

    def __call__(self, ctx: Context) -> None:
        self._locate_events(ctx, ctx.toponyms or [], ctx.places or [])

    def _locate_events(self, ctx: Context, resolved: list["Resolved"], places: list[Place]) -> None:
        anchors = ctx.anchors or {}
        # a place that is the subject or possessor ("Russia launched", "Turkey's ministry", "Kyiv Mayor X")
        # names an actor, not where something happened
        located = [(r, p) for r, p in zip(resolved, places) if p.lat is not None and not _is_actor(ctx.doc, r)]
        dateline = next(((r, p) for r, p in located if r.mention.source == "dateline"), None)
        # the dateline says where the reporter files from, not where the event happened: it shares the
        # lead's sentence but is no place *of* that sentence, and only stands in when the text names none
        told = [(r, p) for r, p in located if r.mention.source != "dateline"]
        countries = Counter(p.country for _, p in located if p.country)
        for event in ctx.events or ():
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
                continue
            if pick is None and sents:
                first = min(sents)
                earlier = [(r, p) for r, p in told if first - self.options.lookback <= r.mention.sent < first]
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
