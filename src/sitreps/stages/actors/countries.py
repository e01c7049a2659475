"""Country names, demonyms and seats of power → ISO 3166 alpha-2.

Names come from pycountry (``name``, ``common_name``, ``official_name``; lower-cased, and
without a leading "the"). pycountry has no demonyms, so a short list of the adjectival forms
news uses is kept here, taken from Wikipedia's "List of adjectival and demonymic forms for
countries and nations" (the adjective column). Capitals and seats of government stand for
their state in news ("Moscow said", "the Kremlin", "the White House"): a short list of the
common metonyms, plus the usual short names ("Russia", "Iran", "Syria" …) pycountry spells
officially ("Russian Federation").
"""

from __future__ import annotations

DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ",
    "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "beninese": "BJ", "bolivian": "BO",
    "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG", "burkinabe": "BF", "burmese": "MM",
    "burundian": "BI", "cambodian": "KH", "cameroonian": "CM", "canadian": "CA", "chadian": "TD", "chilean": "CL",
    "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU", "cypriot": "CY",
    "czech": "CZ", "danish": "DK", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE",
    "eritrean": "ER", "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR",
    "gambian": "GM", "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT",
    "guinean": "GN", "haitian": "HT", "honduran": "HN", "hungarian": "HU", "indian": "IN", "indonesian": "ID",
    "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI",
    "jamaican": "JM", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "korean": "KR",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV", "lebanese": "LB",
    "liberian": "LR", "libyan": "LY", "lithuanian": "LT", "malagasy": "MG", "malawian": "MW", "malaysian": "MY",
    "malian": "ML", "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN", "moroccan": "MA",
    "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nepali": "NP", "nicaraguan": "NI", "nigerian": "NG",
    "nigerien": "NE", "north korean": "KP", "norwegian": "NO", "omani": "OM", "pakistani": "PK",
    "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE", "polish": "PL",
    "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW", "salvadoran": "SV",
    "saudi": "SA", "senegalese": "SN", "serb": "RS", "serbian": "RS", "sierra leonean": "SL", "singaporean": "SG",
    "slovak": "SK", "slovenian": "SI", "somali": "SO", "south african": "ZA", "south korean": "KR",
    "south sudanese": "SS", "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH", "togolese": "TG",
    "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA", "uruguayan": "UY",
    "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
    "u.s.": "US", "us": "US", "u.k.": "GB", "uk": "GB", "kosovar": "XK", "macedonian": "MK", "montenegrin": "ME",
}

#: common short names and seats of power that stand for a state
METONYMS: dict[str, str] = {
    "russia": "RU", "moscow": "RU", "kremlin": "RU", "ukraine": "UA", "kyiv": "UA", "kiev": "UA",
    "united states": "US", "america": "US", "washington": "US", "white house": "US", "pentagon": "US",
    "usa": "US", "u.s.a.": "US", "britain": "GB", "great britain": "GB", "united kingdom": "GB", "london": "GB",
    "downing street": "GB", "whitehall": "GB", "china": "CN", "beijing": "CN", "iran": "IR", "tehran": "IR",
    "syria": "SY", "damascus": "SY", "south korea": "KR", "seoul": "KR", "north korea": "KP", "pyongyang": "KP",
    "turkey": "TR", "ankara": "TR", "türkiye": "TR", "baghdad": "IQ", "kabul": "AF", "paris": "FR", "elysee": "FR",
    "berlin": "DE", "riyadh": "SA", "tokyo": "JP", "new delhi": "IN", "islamabad": "PK", "cairo": "EG",
    "minsk": "BY", "caracas": "VE", "havana": "CU", "vietnam": "VN", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "taiwan": "TW", "palestine": "PS", "gaza": "PS",
    "west bank": "PS", "kosovo": "XK", "congo": "CD", "drc": "CD", "ivory coast": "CI", "burma": "MM",
    "czech republic": "CZ", "holland": "NL", "the netherlands": "NL", "vatican": "VA", "macedonia": "MK",
    "brussels": "BE", "israel": "IL", "tel aviv": "IL", "amman": "JO", "beirut": "LB", "tripoli": "LY",
    "bosnia": "BA", "herzegovina": "BA", "khartoum": "SD", "mogadishu": "SO", "abuja": "NG", "nairobi": "KE", "addis ababa": "ET", "kinshasa": "CD",
}


class CountryTable:
    """Built once per stage: ``lookup("Russian")`` → ``"RU"``."""

    def __init__(self) -> None:
        import pycountry

        names: dict[str, str] = {}
        alpha3: dict[str, str] = {}
        for c in pycountry.countries:
            alpha3[c.alpha_2] = c.alpha_3
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    names.setdefault(value.lower(), c.alpha_2)
        names.update(METONYMS)
        names.update(DEMONYMS)
        self.names = names
        self.alpha3 = alpha3
        self.longest = max(len(k.split()) for k in names)
        self._pretty = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
        self._pretty.update({"RU": "Russia", "IR": "Iran", "SY": "Syria", "KR": "South Korea", "KP": "North Korea",
                             "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova", "VN": "Vietnam",
                             "LA": "Laos", "TW": "Taiwan", "PS": "Palestine", "CD": "DR Congo", "XK": "Kosovo",
                             "GB": "United Kingdom", "US": "United States", "TR": "Turkey"})

    def lookup(self, phrase: str) -> str | None:
        low = phrase.lower().strip()
        if low.startswith("the "):
            low = low[4:]
        code = self.names.get(low)
        if code is None and low.endswith("s") and low[:-1] in DEMONYMS:  # "Palestinians", "Israelis"
            code = DEMONYMS[low[:-1]]
        return code

    def name(self, code: str) -> str:
        return self._pretty.get(code, code)

    def to_alpha3(self, code: str | None) -> str | None:
        return self.alpha3.get(code) if code else None
