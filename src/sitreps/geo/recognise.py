"""Toponym recognition over an already parsed spaCy ``Doc``: spaCy's GPE/LOC/FAC entities, plus
names from the gazetteer that spaCy misses or mislabels (many Ukrainian and Russian names), the
dateline ("KHARKIV, Ukraine —"), generic words that make a name a region or a district
("Kharkivska oblast", "the Zaporizhzhia region", "Shevchenkivskyi district"), directions ("in
southern Ukraine") and containment ("X's Y district", "the Y region of X", "Y, X").

Demonyms ("Russian", "Ukrainian") are not places: they mark the countries of actors.
Nothing here parses text again; the per-document cost is a few indexed SQLite lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..parse import ents_of, sents_of, text_of, tokens_of
from ..lang import load
from ..ingest.outlets import outlet_tails
from .cues import (CUE_BEFORE_OF, FIGHTERS_AFTER, apposed_kind, apposed_place, cue_after, cue_suffix, glued_connector,
                   glued_end, name_goes_on, names_street, street_word_at)
from .dateline import dateline_match, dated_month
from .names import ADMIN1_WORDS, ADMIN2_WORDS, CITY_WORDS, PLURALS, normalize, split_generic, variants

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

    from .gazetteer import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"PERSON", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT"})
#: labels spaCy's small model often puts on place names; a place-like context overrules them
OVERRULED = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
GENERIC = ADMIN1_WORDS | ADMIN2_WORDS | CITY_WORDS | frozenset(PLURALS)
#: a name right before one of these names a weapon ("Katyusha rockets", "Shahed drones"), not a place
WEAPON_NOUNS = load("en").words_of("triggers").weapons
#: words after a name owned by a place ("X's Y area") that make the name a part of it
AREA_WORDS = GENERIC | frozenset({"area", "areas", "outskirts", "suburbs", "countryside"})
DIRECTIONS = ("northern", "southern", "eastern", "western", "central", "north-eastern", "northeastern", "south-eastern",
              "southeastern", "north-western", "northwestern", "south-western", "southwestern", "northeast", "southeast",
              "northwest", "southwest", "north", "south", "east", "west")
LOCATIVE = frozenset({"in", "near", "at", "from", "to", "outside", "into", "across", "toward", "towards", "around", "of",
                      "on", "over", "via", "through", "inside", "within", "between", "and", "by", "off", "outskirts",
                      "neighbouring", "neighboring", "nearby", "embattled", "besieged", "occupied", "frontline", "front-line"})
#: words that are names of regions somewhere ("West" in Cameroon, "Central" in Ghana) but inside a
#: longer name only say where in it ("South Kilburn Estate", "European Central Bank")
_NOT_INNER = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
                        "north-west", "south-east", "south-west", "northern", "southern", "eastern", "western", "central", "centre",
                        "center", "upper", "lower", "new", "old", "greater", "delta", "coast", "island", "islands", "lake",
                        "river", "mount", "port", "saint", "st", "san", "santa", "la", "el", "al", "de", "du", "le", "city",
                        "downtown", "uptown", "midtown", "metro"})
#: the words a time of day ends with: a capitalised word right after one is a time zone ("PM EST")
_CLOCK = frozenset({"am", "pm", "a.m.", "p.m."})
#: the points of the compass, which alone name a place only as "the West", "the South" ("a shooting in
#: Southwest" of a D.C. story is a part of the city, not a region of that name elsewhere)
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
#: a point of the compass and one of these name a part of a city ("the West Side of Chicago", "the
#: East End"), never the town elsewhere that GeoNames lists under that name ("West Side": West Newton, PA)
_CITY_SIDES = frozenset({"side", "end", "sides"})
ACTION_VERBS = frozenset({"hit", "struck", "strike", "strikes", "shelled", "attacked", "bombed", "targeted", "captured", "liberated",
                          "entered", "seized", "took", "retook", "recaptured", "besieged", "encircled", "visited", "evacuated"})
_BROAD = ("country", "admin1", "region")
#: the Arab League's 22 members (ISO 3166 alpha-2), whose place names are romanised from Arabic
ARABIC_NAMED = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
#: names of armed groups ("Hamas", "al-Shabaab") are actors, never places, whatever a namesake town says
ARMED_GROUPS = frozenset(normalize(row[0]) for row in load("en").table("armed_groups") if row)
_WORDY = re.compile(r"[A-Za-z]")
#: words that join two names rather than belong to one ("Kharkiv And Sumy" in a title-cased headline)
_JOINING = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"})


@dataclass
class Mention:
    text: str
    start: int
    end: int
    key: str                       # normalised name to look up (generic words removed)
    hint: str | None = None        # admin1 | admin2 | city, from a generic word
    source: str = "entity"         # entity | gazetteer | dateline | direction
    sent: int = 0
    parent: int | None = None      # index of the mention that contains this one ("Y district of X")
    direction: str | None = None   # "southern" in "southern Ukraine"
    tokens: tuple[int, int] = (0, 0)
    candidates: tuple = field(default=(), repr=False)
    inner: str | None = None       # "Dubai" in "Dubai World Trade Centre", when only the inner name is known
    fighters: bool = False         # the name of an armed movement's people ("Fano militiamen")


class Recogniser:
    """Built once per process (cheap: a few sets); call :meth:`find` per document."""

    def __init__(self, gazetteer: "Gazetteer", demonyms: frozenset[str]):
        self.gaz = gazetteer
        self.demonyms = demonyms

    # -- lookups -------------------------------------------------------------------------------
    def candidates(self, key: str, raw: str = "") -> tuple:
        if (raw.endswith(".") and len(raw) <= 6) or (raw.isupper() and len(raw) <= 4):
            found = self.gaz.lookup(f"abbr:{key}")
            if found:
                return found
        found = self.gaz.lookup(key)
        if found and raw.isupper() and len(raw.strip(".")) <= 3:
            # "SA", "UK": initials are countries or regions, not the alternate names of villages
            found = tuple(c for c in found if c.kind in ("country", "admin1", "region") or c.population >= 1_000_000)
        if found:
            return found
        for v in variants(key):
            found = self.gaz.lookup(v)
            if found:
                return found
        if key.endswith("ah") and len(key.rsplit(" ", 1)[-1]) > 4:
            # Arabic's final ta marbuta is written with and without an "h" ("Hodeidah", GeoNames' "Hodeida"):
            # the other spelling, for places of the Arab League's countries only ("Sarah" is no Sara)
            return tuple(c for c in self.gaz.lookup(key[:-1]) if c.country in ARABIC_NAMED)
        return ()

    def split(self, name: str) -> tuple[str, str | None]:
        """Key and kind of a name: "Kharkiv region" -> ("kharkiv", "admin1"); names that end in a
        generic word and are in the gazetteer as they are stay whole ("Kyivskyi district" keeps its
        kind, "United States" is a country)."""
        full = normalize(name)
        cue = cue_suffix(full)
        if cue is not None:
            return (full, None) if self.gaz.lookup(full) else cue
        key, hint = split_generic(full)
        if hint and key != full:
            whole = self.gaz.lookup(full)
            if whole:
                return full, (None if any(c.kind in ("country", "region", "sea") for c in whole) else hint)
        return key, hint

    def _directed(self, direction: str, key: str) -> tuple:
        """Candidates of "southern Lebanon" as one name ("South Sudan", "North Darfur"), unless
        that name is only a town somewhere while the bare name is a country or region, or the bare
        name is a country or sea by that very name: then the direction (written in lower case, as
        the caller asks) says where in it, and the longer name is a namesake."""
        found = self.candidates(f"{direction} {key}")
        bare = self.candidates(key) if found else ()
        if found and not any(c.kind in _BROAD for c in found) and any(c.kind in _BROAD for c in bare):
            return ()
        whole = [c for c in bare if c.kind in ("country", "sea") and normalize(c.name) == key]
        if whole and not any(f.country and f.country == c.country for f in found for c in whole):
            # "southern Red Sea" (in lower case: a direction) is the south of the sea, not Eritrea's Southern
            # Red Sea Region; "southern Ukraine", a region of the country itself, stays
            return ()
        return found

    def embedded(self, key: str) -> tuple[str | None, tuple]:
        """For a name the gazetteer lacks ("colorado state university", "dubai world cup"): the
        longest well-known place name inside it (a country, region, sea or a city of 100,000+)."""
        words = key.split()
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                inner = " ".join(words[i:i + size])
                if len(inner) < 3 or inner in self.demonyms or any(w in _NOT_INNER for w in inner.split()):
                    continue
                found = tuple(c for c in self.candidates(inner) if c.main and (c.kind in ("country", "admin1", "region", "sea") or c.population >= 100_000))
                if found:
                    return inner, found
        return None, ()

    # -- one document --------------------------------------------------------------------------
    def find(self, doc: "Doc", country: str | None = None) -> list[Mention]:
        """Toponym mentions of ``doc`` in text order. With ``country`` (a short location description
        known to lie in that country, as in event data sets), any capitalised name of a place in that
        country is accepted, and near spellings are looked up in the trigram index."""
        text = text_of(doc)
        sent_starts = [s.start for s in sents_of(doc)]
        taken = [False] * len(doc)
        out: list[Mention] = []

        def sent_of(tok: int) -> int:
            lo, hi = 0, len(sent_starts) - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if sent_starts[mid] <= tok:
                    lo = mid
                else:
                    hi = mid - 1
            return lo

        def span_text(a: int, b: int) -> str:
            """The text of tokens [a, b), as written."""
            return text[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])]

        def add(span_start: int, span_end: int, source: str, key_text: str | None = None, require: bool = False, given: tuple = ()) -> Mention | None:
            """Tokens [span_start, span_end) as a mention; extends over a following generic word."""
            while span_start < span_end and doc[span_start].lower_ in ("the", "a"):
                span_start += 1
            while span_end > span_start and (doc[span_end - 1].is_punct or doc[span_end - 1].is_space
                                             or doc[span_end - 1].is_lower and doc[span_end - 1].is_stop):
                span_end -= 1  # and "since" of the entity "the Sahel since" ("across the Sahel since 2012")
            if span_start >= span_end or any(taken[span_start:span_end]):
                return None
            if span_end - span_start == 1 and dated_month(doc, span_start):
                return None
            if span_end < len(doc) and doc[span_end].lower_ in WEAPON_NOUNS and not self.candidates(split_generic(normalize(span_text(span_start, span_end)))[0]):
                return None  # "a barrage of Katyusha rockets": a name no gazetteer knows, before a weapon, is the weapon's
            glued = glued_end(doc, span_end)
            if glued > span_end and not any(taken[span_end:glued]) and self.candidates(normalize(span_text(span_start, glued))):
                span_end = glued  # "Komsomolsk" that spaCy called a place, of "Komsomolsk-on-Amur"
            if source == "entity":
                for longer in reversed(name_goes_on(doc, span_end)):
                    if not any(taken[span_end:longer]) and self.candidates(normalize(span_text(span_start, longer))):
                        span_end = longer  # "Grays" that spaCy called a place, of "Grays Ferry"
                        break
                before = span_start - 1
                if (before >= 0 and not taken[before] and doc[before].is_title and doc[before].lower_ in _NOT_INNER and not doc[before].ent_type_
                        and not doc[span_start].is_sent_start and doc[before].whitespace_
                        and self.candidates(normalize(span_text(before, span_end)))):
                    span_start = before  # "Palm Beach" that spaCy called a place, of "West Palm Beach" (a word that says where, or "New", "San", ...)
            end = span_end
            street = names_street(doc, span_start, span_end)
            if street and end < len(doc) and street_word_at(doc[end]):
                end += 1  # "Summit Streets": the street word is part of the name
            elif end < len(doc) and doc[end].lower_ in GENERIC and doc[end - 1].lower_ not in GENERIC:
                end += 1
            else:
                end += cue_after(doc, end)
            direction = None
            start = span_start
            if start > 0 and doc[start - 1].lower_ in DIRECTIONS and doc[start - 1].is_lower:
                direction = doc[start - 1].lower_
                start -= 1
            chars = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            core_text = key_text or text[doc[span_start].idx:chars[1]]
            if core_text.endswith(("'s", "’s")):
                core_text = core_text[:-2]
                chars = (chars[0], chars[1] - 2)
            key, hint = self.split(core_text)
            if not key or not _WORDY.search(key) or key in self.demonyms:
                return None
            if key in _COMPASS and not (start > 0 and doc[start - 1].lower_ == "the"):
                return None  # a bare "South" names a part of something ("the city's South and West sides"); "the West" may be a place
            cands: tuple = ()
            if direction:
                cands = self._directed(direction, key)
            directed = bool(cands)
            if given:
                cands = given
            if not cands:
                raw = text[chars[0]:chars[1]]
                cands = self.candidates(key, raw + "." if text[chars[1]:chars[1] + 1] == "." and not raw.endswith(".") else raw)
            if not cands and source == "entity" and doc[span_start].ent_type_ == "GPE":
                cands = self._short_country(key)
            if require and not cands:
                return None
            inner = None
            words = key.split()
            if len(words) == 2 and words[0].replace("-", "") in _COMPASS and words[1] in _CITY_SIDES:
                cands = ()  # "the East Side": a part of the city the article is about
            elif street and not (cands and street_word_at(doc[span_end - 1])):  # a "Church Street" the gazetteer lists as a village stays
                cands = ()  # "Kyiv Street in Kharkiv", "the 600 block of Escanaba": a street, placed only by what holds it
            elif not cands and " " in key:
                inner, cands = self.embedded(key)
            m = Mention(inner=inner, text=text[chars[0]:chars[1]], start=chars[0], end=chars[1], key=key, hint=hint, source=source,
                        sent=sent_of(start), direction=direction, tokens=(start, end), candidates=cands,
                        fighters=end < len(doc) and doc[end].lower_ in FIGHTERS_AFTER)
            if directed and self.gaz.lookup(f"{direction} {key}"):
                m.key = f"{direction} {key}"
            for i in range(start, end):
                taken[i] = True
            out.append(m)
            return m

        for start, end in outlet_tails(text):
            span = doc.char_span(start, end, alignment_mode="expand")
            for i in range(span.start, span.end) if span is not None else ():
                taken[i] = True
        self._dateline(doc, add)
        for ent in ents_of(doc):
            if ent.label_ in PLACE_LABELS and not _aged(ent.root):
                add(ent.start, ent.end, "entity")
        labels = [""] * len(doc)
        for ent in ents_of(doc):
            for i in range(ent.start, ent.end):
                labels[i] = ent.label_
        self._gazetteer_names(doc, labels, taken, add, country)
        self._repeats(doc, out, taken, add)
        out.sort(key=lambda m: m.start)
        _borrow_spellings(out)
        self._containment(doc, out)
        return out

    def _repeats(self, doc: "Doc", found: list["Mention"], taken: list[bool], add) -> None:
        """A name read as a place with candidates somewhere in the article is a place wherever else
        it is written the same way ("Gaza's Khan Younis" in a headline, where spaCy saw a person's
        name, after "in Khan Younis" in the lead): one name, one sense, in one article. A name only
        the gazetteer vouched for repeats where spaCy sees some name too."""
        names = {m.text: m.source for m in found if m.candidates and m.source in ("entity", "gazetteer") and m.text[:1].isupper()}
        text = text_of(doc)
        for name in sorted(names, key=len, reverse=True):
            for start in _occurrences(text, name):
                span = doc.char_span(start, start + len(name))  # None off token boundaries
                if span is None or any(taken[span.start:span.end]) or (names[name] == "gazetteer" and not span[0].ent_type_):
                    continue
                add(span.start, span.end, "gazetteer", require=True)

    def _dateline(self, doc: "Doc", add) -> None:
        """The dateline's city and the state, province or country after it ("LEXINGTON, Ky.",
        "LONDON, Ont.", "KHARKIV, Ukraine"); that second part is taken as a region or country
        only ("Maine" is the state, not a town of that name), so the city resolves inside it."""
        m = dateline_match(text_of(doc))
        if not m:
            return
        for group in (1, 2):
            if not m.group(group):
                continue
            s, e = m.span(group)
            raw = m.group(group).strip()
            e = s + len(raw)
            cands = self.candidates(split_generic(normalize(raw))[0], raw)
            if group == 2:
                cands = tuple(c for c in cands if c.kind in _BROAD)
            elif m.group(3) == ":" and not any(c.kind in _BROAD or c.population >= 50_000 for c in cands):
                return  # "UPDATE:", "WARNING:": a colon after a word in capitals makes a dateline only for a known city
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and cands:
                add(span.start, span.end, "dateline", given=cands if group == 2 else ())

    def _gazetteer_names(self, doc: "Doc", labels: list[str], taken: list[bool], add, country: str | None = None) -> None:
        """Capitalised runs that spaCy did not call a place, accepted on gazetteer evidence + context."""
        i, n = 0, len(doc)
        text = text_of(doc)  # spaCy joins the tokens on every read: once per document
        toks = tokens_of(doc)  # and makes a new Token on every doc[i]
        while i < n:
            tok = toks[i]
            if taken[i] or not (tok.is_title or (tok.is_upper and len(tok) > 2)) or tok.is_stop or not tok.is_alpha:
                i += 1
                continue
            j, longest = i + 1, 4
            while j < n and j - i < longest and not taken[j]:
                if toks[j].is_title or toks[j].text in ("-", "al-", "el-"):
                    j += 1
                elif glued_connector(doc, j):  # "Rostov-on-Don", "Stratford-upon-Avon"
                    j, longest = j + 1, longest + 2
                else:
                    break
            accepted = False
            # "the town of Lgov": the word before "of" says a place follows, whatever spaCy calls it
            cue_before = i >= 2 and toks[i - 1].lower_ == "of" and toks[i - 2].lower_ in CUE_BEFORE_OF
            # after a capitalised small word inside a name ("Nyaung Yet Kone"): the rest of that name
            tail = (i > 1 and toks[i - 1].is_title and toks[i - 1].is_stop and toks[i - 1].lower_ not in _JOINING
                    and not toks[i - 1].is_sent_start and toks[i - 2].is_title)
            for end in range(j, i, -1):  # longest first
                label = labels[i]
                if toks[i].lower_ in self.demonyms or toks[i].lower_.endswith(("ian", "ese", "ish")) and label == "NORP":
                    break
                if label in NOT_PLACE_LABELS and label not in OVERRULED:
                    break
                if label == "PERSON" and toks[i].ent_iob_ == "I":
                    break  # a person's surname ("Le" of "Trung Le was captured"), not a place that begins there
                key = split_generic(normalize(doc[i:end].text))[0]
                if key in ARMED_GROUPS:
                    break
                if end - i == 1 < j - i and toks[i].lower_ in _NOT_INNER:
                    continue  # "South" of "South Los Angeles Shooting": it says where in the name that follows
                if end - i == 1 and label != "GPE" and end < n and (toks[end].ent_iob_ == "B" and toks[end].ent_type_ == "PERSON"
                                                                   or (i > 0 and toks[i - 1].lower_ in _CLOCK)):
                    break  # a title before a name ("Officer Roger Walsh"), a time zone after a time ("1:54 PM EST")
                cands = self.candidates(key)
                if not cands:
                    continue
                if tail and not any(c.country == country for c in cands):
                    break  # "Kone" of "Nyaung Yet Kone village": the tail of a longer name, no town of its own
                cued = cue_after(doc, end) > 0 or apposed_place(text, toks[end - 1].idx + len(toks[end - 1]))
                # "the Safed area" (not "the Bay Area"): the name of a place and what lies around it
                generic_after = end < n and (toks[end].lower_ in GENERIC or toks[end].text in ("area", "areas")) or cued
                in_country = country is not None and any(c.country == country for c in cands)
                prev = toks[i - 1].lower_ if i > 0 else ""
                listed = prev in (",", "and", "or") and i >= 2 and taken[i - 2]  # "Kharkiv, Sumy and ..."
                # "Khyber Pakhtunkhwa's Bannu area": a part of a place, named by a word for an area after it
                listed = listed or (prev in ("'s", "’s") and i >= 2 and taken[i - 2] and end < n and toks[end].lower_ in AREA_WORDS)
                root = doc[i:end].root
                target = root.dep_ == "nsubjpass" and root.head.lower_ in ACTION_VERBS  # "Nikopol was shelled"
                locative = prev in LOCATIVE or prev in DIRECTIONS or prev in ACTION_VERBS or listed or target
                best = max(cands, key=lambda c: (c.kind in ("country", "admin1", "sea", "region"), c.population))
                strong = best.kind in ("country", "admin1", "sea", "region") and best.main and not any(t.is_stop for t in doc[i:end])
                sentence_initial = toks[i].is_sent_start
                if label in OVERRULED and not (generic_after or cue_before) and end - i == 1 and (toks[end].ent_iob_ == "I" if end < n else False) \
                        and best.kind == "city" and best.population < 100_000:
                    break  # a piece of a longer name ("University" of "University Health hospital")
                # "Zimbabwe", "Toronto" that spaCy calls an organisation, as a whole: the country or city
                # (or its government, team, people: a place by metonymy, as the toponym data sets count it)
                # "Kentucky" of "Kentucky State Police": a country or state that opens an organisation's name
                whole = toks[i].ent_iob_ == "B" and (end == n or toks[end].ent_iob_ != "I") and best.main
                whole_org = label == "ORG" and toks[i].ent_iob_ == "B" and strong and best.population >= 100_000 or whole and (
                    label == "ORG" and best.population >= 1_000_000 or label == "PERSON" and strong and end - i > 1)  # "Tamil Nadu" taken for a person
                if label in OVERRULED and not (generic_after or cue_before or whole_org) and not in_country and not (locative and (strong or best.population >= 20_000)):
                    break
                if in_country or generic_after or cue_before or whole_org or (locative and (best.population >= 1000 or best.kind != "city")) or (strong and not sentence_initial and end - i > 0 and labels[i] in ("", "GPE", "LOC", "FAC", "ORG")):
                    if add(i, end, "gazetteer", require=True, given=tuple(c for c in cands if c.country == country) if in_country else ()):
                        accepted = True
                        i = end
                        break
            if not accepted and not tail and (cue_before or cue_after(doc, j)) and self._unlisted(doc, i, j, labels):
                # a village, camp or district the gazetteer lacks: still a place, with no point
                if add(i, j, "gazetteer"):
                    accepted = True
                    i = j
            if not accepted and country is not None and j - i <= 3:
                near = self._near(split_generic(normalize(doc[i:j].text))[0], country)
                if near and add(i, j, "gazetteer", require=True, given=near):
                    accepted = True
                    i = j
            if not accepted:
                i += 1

    def _short_country(self, key: str) -> tuple:
        """The country whose main name of two or more words begins with the one word ``key``, when
        exactly one does ("Burkina" of Burkina Faso, "Bosnia" of Bosnia and Herzegovina): news cuts
        those names short and the gazetteer lists only the whole. The caller asks only for a name
        spaCy calls a geopolitical entity that the gazetteer lacks."""
        if " " in key or len(key) < 5:
            return ()
        codes = {cc for name, cc in self.gaz.country_keys() if name.startswith(key + " ")}
        place = self.gaz.country_place(codes.pop()) if len(codes) == 1 else None
        return (place,) if place is not None else ()

    def _unlisted(self, doc: "Doc", i: int, j: int, labels: list[str]) -> bool:
        """Whether tokens [i, j), next to a place cue, can be a place name the gazetteer lacks:
        capitalised words, no demonym, no armed group, nothing spaCy is sure is no place."""
        key = normalize(doc[i:j].text)
        if not key or key in self.demonyms or key in ARMED_GROUPS or labels[i] in NOT_PLACE_LABELS - OVERRULED:
            return False
        # a capitalised stop word inside the run is part of the name ("Let Yet Kone village"), not at its head
        return all(t.is_title or t.text in ("-", "al-", "el-") for t in doc[i:j]) and not doc[i].is_stop and not any(
            t.is_stop and t.lower_ in _JOINING for t in doc[i + 1:j])

    def _near(self, key: str, country: str) -> tuple:
        """Places in ``country`` whose name is a near spelling of ``key`` (edit distance <= 2)."""
        from .gazetteer import _edit_distance

        if len(key) < 5:
            return ()
        for other in self.gaz.similar(key, limit=8):
            if _edit_distance(other, key) <= (2 if len(key) < 10 else 3):
                found = tuple(c for c in self.gaz.lookup(other) if c.country == country)
                if found:
                    return found
        return ()

    def link_containers(self, doc: "Doc", ms: list[Mention]) -> None:
        """Link mentions found elsewhere (gold spans, another recogniser) to the places that
        contain them, as :meth:`find` does for its own: see :meth:`_containment`."""
        self._containment(doc, ms)

    def _containment(self, doc: "Doc", ms: list[Mention]) -> None:
        """Link "Y district of X", "X's Y district", "Y, X" and "Y in X" to their containing place;
        give "A, B and C provinces" the kind of its plural generic word."""
        text = text_of(doc)
        for m in ms:
            if m.hint is None:
                m.hint = apposed_kind(text, m.end)
        carry = None
        for k in range(len(ms) - 1, -1, -1):
            m = ms[k]
            if m.hint and m.text.split()[-1].lower() in PLURALS:
                carry = m.hint
            elif carry and m.hint is None and text[m.end:ms[k + 1].start].strip() in (",", "and", ", and", "or"):
                m.hint = carry
            else:
                carry = None
        for a, b in zip(ms, ms[1:]):
            between = text[a.end:b.start]
            if b.start - a.end > 40:
                continue
            low = between.strip().lower()
            if low in (",", "of", ", in", "in", "region of", "district of", "oblast of", "province of", "in the", "of the") or re.fullmatch(r",?\s*(in|of)( the)?( (region|district|province|oblast) of)?", low):
                a.parent = ms.index(b)
            elif low in ("'s", "’s") or (between == "" and a.text.endswith(("'s", "’s"))):
                b.parent = ms.index(a)


def _occurrences(text: str, name: str) -> "Iterator[int]":
    """Where ``name`` stands in ``text`` as a whole word (no letter, digit, underscore or hyphen on
    either side): a plain search, not a pattern compiled per name."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            yield at
        at = text.find(name, at + 1)


def _aged(tok: "Token") -> bool:
    """A name with an age and no article ("4-year-old Janelle Tolliver") is a person's, whatever the
    entity tagger says ("the 100-year-old Brooklyn Bridge" is a place)."""
    return (any(c.dep_ == "amod" and c.lower_ == "old" and any(g.lower_ in ("year", "years") for g in c.subtree) for c in tok.children)
            and not any(c.dep_ == "det" for c in tok.children))


def _borrow_spellings(ms: list[Mention]) -> None:
    """A name the gazetteer lacks that is one letter from a name the article also spells in a way
    the gazetteer knows ("Hodeidah" beside "Hodeida") is that place."""
    from .gazetteer import _edit_distance

    known = {m.key: m.candidates for m in ms if m.candidates and not m.inner}
    for m in ms:
        if m.candidates or len(m.key) < 5:
            continue
        for key, cands in known.items():
            if abs(len(key) - len(m.key)) <= 1 and key[:2] == m.key[:2] and _edit_distance(key, m.key) <= 1:
                m.candidates = cands
                break
