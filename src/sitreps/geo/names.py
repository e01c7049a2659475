"""Name normalisation shared by the gazetteer (when it indexes names) and the recogniser (when it
looks them up): both must turn "Kharkiv", "KHARKIV" and "Khárkiv" into the same key.

Also the small grammar of place names in news: the generic words that follow a name ("Kharkiv
region", "Idlib governorate"), the adjectival forms of Ukrainian and Russian regions
("Kharkivska oblast", "Shevchenkivskyi district") and transliteration variants ("Mykolaiv" /
"Nikolaev", "Kyiv" / "Kiev") that GeoNames does not always list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "", "'": "", "‘": "", "`": "", "ʼ": "", "ʹ": "", "ʿ": "", "ʾ": "", "´": "",
                              # letters NFKD does not take apart
                              "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                              "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ħ": "h"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,()]+")

#: generic words that name the kind of a place; "X region" is looked up as "X" with that kind.
ADMIN1_WORDS = frozenset({
    "region", "oblast", "province", "governorate", "state", "krai", "kray", "republic", "prefecture",
    "wilayah", "wilaya", "vilayet", "muhafazah", "emirate", "territory", "voivodeship", "canton",
    "department", "departement", "regione", "provincia", "estado", "oblysy", "velayat", "division", "sheng",
})
ADMIN2_WORDS = frozenset({
    "district", "raion", "rayon", "county", "municipality", "hromada", "subdistrict", "sub-district",
    "borough", "parish", "commune", "tehsil", "taluka", "okrug", "sector", "community",
})
#: "Kharkiv and Sumy regions": a plural generic word gives its kind to every name of the list
PLURALS = {"regions": "admin1", "oblasts": "admin1", "provinces": "admin1", "governorates": "admin1", "states": "admin1",
           "districts": "admin2", "raions": "admin2", "counties": "admin2", "municipalities": "admin2",
           "cities": "city", "towns": "city", "villages": "city"}
CITY_WORDS = frozenset({"city", "town", "village", "settlement", "municipality", "township"})
SEA_WORDS = frozenset({"sea", "gulf", "strait", "straits", "bay", "ocean", "channel", "lake", "river"})

#: Ukrainian/Russian adjectival endings of region names ("Kharkivska" -> "Kharkiv",
#: "Donetska" -> "Donets(k)", "Odeska" -> "Odes(a)"), tried in order; each gives candidate stems.
_ADJ_ENDINGS = (
    ("skyi", ("", "sk", "s")), ("skyy", ("", "sk", "s")), ("skiy", ("", "sk", "s")), ("sky", ("", "sk", "s")),
    ("ska", ("", "sk", "a", "s")), ("skaya", ("", "sk", "a", "s")), ("ske", ("", "sk")),
    ("tska", ("tsk", "k", "ts")), ("tskyi", ("tsk", "k", "ts")), ("tskaya", ("tsk", "k", "ts")),
    ("ivskyi", ("iv", "ov", "")), ("ivska", ("iv", "ov", "")),
    ("ynskyi", ("yn", "")), ("ynska", ("yn", "")),
)

#: transliteration variants, applied to a normalised key (old Russian-based spelling -> Ukrainian).
_TRANSLIT = (
    ("kiev", "kyiv"), ("kiyv", "kyiv"), ("nikolaev", "mykolaiv"), ("nikolayev", "mykolaiv"), ("kharkov", "kharkiv"),
    ("odessa", "odesa"), ("zaporozhye", "zaporizhzhia"), ("zaporizhia", "zaporizhzhia"), ("zaporozhe", "zaporizhzhia"),
    ("lugansk", "luhansk"), ("dnepropetrovsk", "dnipro"), ("dnipropetrovsk", "dnipro"), ("chernigov", "chernihiv"),
    ("rovno", "rivne"), ("lvov", "lviv"), ("vinnitsa", "vinnytsia"), ("zhitomir", "zhytomyr"), ("artemivsk", "bakhmut"),
    ("artyomovsk", "bakhmut"), ("kherson", "kherson"), ("sumy", "sumy"), ("poltava", "poltava"),
    ("krivoy rog", "kryvyi rih"), ("kryvyy rih", "kryvyi rih"), ("krivyi rih", "kryvyi rih"), ("mariupol", "mariupol"),
)


@lru_cache(maxsize=131_072)
def normalize(name: str) -> str:
    """Lower-case, accent-free, apostrophe-free key with single spaces ("Kyiv's" is not handled here).
    Memoised: an article's names, and the candidates' names, come back again and again."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    if not text.isascii():  # ASCII has no combining marks: most names skip this loop (the gazetteer build calls this 1.6M times)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", text.casefold()).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def is_latin(key: str) -> bool:
    """True for keys an English article can contain (ASCII letters, digits, spaces)."""
    return bool(key) and key.isascii() and any(c.isalpha() for c in key)


def split_generic(key: str) -> tuple[str, str | None]:
    """``"kharkiv region"`` -> ``("kharkiv", "admin1")``; ``"bakhmut"`` -> ``("bakhmut", None)``."""
    words = key.split()
    kinds: list[str] = []
    while len(words) > 1:
        last = words[-1]
        if last in PLURALS:
            kinds.append(PLURALS[last])
        elif last in ADMIN1_WORDS:
            kinds.append("admin1")
        elif last in ADMIN2_WORDS:
            kinds.append("admin2")
        elif last in CITY_WORDS:
            kinds.append("city")
        else:
            break
        words.pop()
    if len(words) > 1 and words[0] in ("city", "town", "village", "region", "province", "district") and words[1] == "of":
        kinds.append({"city": "city", "town": "city", "village": "city", "district": "admin2"}.get(words[0], "admin1"))
        words = words[2:]
    return " ".join(words), (kinds[0] if kinds else None)


@lru_cache(maxsize=65_536)
def variants(key: str) -> tuple[str, ...]:
    """Other spellings to try when a key is not in the gazetteer, best first (no duplicates).
    Memoised: the recogniser asks again for every capitalised word the gazetteer lacks."""
    out: list[str] = []
    for old, new in _TRANSLIT:
        if old in key.split() or key == old or key.startswith(old + " ") or key.endswith(" " + old):
            out.append(re.sub(rf"\b{re.escape(old)}\b", new, key))
    words = key.split()
    compass = {"north": "northern", "south": "southern", "east": "eastern", "west": "western", "central": "centre"}
    if len(words) > 1 and words[0] in compass:  # "North Darfur" / GeoNames' "Northern Darfur"
        out.append(" ".join([compass[words[0]]] + words[1:]))
    elif len(words) > 1 and words[0] in {v: k for k, v in compass.items()}:
        out.append(" ".join([{v: k for k, v in compass.items()}[words[0]]] + words[1:]))
    if words:
        last = words[-1]
        for ending, stems in sorted(_ADJ_ENDINGS, key=lambda e: -len(e[0])):
            if last.endswith(ending) and len(last) > len(ending) + 2:
                base = last[: -len(ending)]
                for stem in stems:
                    out.append(" ".join(words[:-1] + [base + stem]))
                break
        if last.endswith("s") and len(last) > 4 and not last.endswith("ss"):
            pass  # plural names ("the Philippines") are in GeoNames as they are
    seen: set[str] = {key}
    uniq = []
    for v in out:
        if v and v not in seen:
            seen.add(v)
            uniq.append(v)
    return tuple(uniq)
