"""Languages as data: the word sets, trigger tables, context rules and matcher patterns of one
language, read once from its folder (``lang/en/``, ``lang/fr/``) into a typed :class:`Language`.

A language folder holds (see ``docs/rules.md``):

    language.toml   name, spaCy model, experimental flag, function words (detection),
                    dependency labels mapped to the ones the rules speak
    triggers.tsv    lemma(s), parts of speech, sense, base score: the trigger lexicon
    phrases.tsv     head, neighbour, where, sense, score: a trigger refined by a word beside it
    words.toml      named word sets, one table per stage ([triggers], [casualties], ...)
    context.toml    the context rules that turn a trigger's candidate sense into its final sense
    patterns.jsonl  spaCy Matcher / DependencyMatcher patterns, one per line ({"label": ..., "pattern": [...]})
    *.tsv, *.toml   other tables a stage reads by name (weapons.tsv, attribution.toml ...)

``senses.toml`` beside the folders is shared by every language: each sense's PLOVER root and
ACLED event and sub-event type. Python keeps only what data cannot say (how a parse is walked);
adding a cue word, a trigger or an event type is an edit to these files plus a test.
"""

from __future__ import annotations

import json
import re
import unicodedata
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from ..errors import ConfigError


def _folders() -> tuple[str, ...]:
    """Codes of the folders here that hold a ``language.toml``: English first (a text that reads
    as English stays English), then the others in order of their code."""
    root = resources.files("sitreps.lang")
    codes = sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("language.toml").is_file())
    return tuple(sorted(codes, key=lambda c: (c != "en", c)))


#: Languages with a folder here; ``auto`` picks one of them per document.
LANGUAGES = _folders()
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class WordSets(Mapping[str, frozenset[str]]):
    """The named word sets of one table of ``words.toml``; ``w.air`` or ``w["air"]``.

    A set is written as a string of words separated by white space, or as an array whose items
    may hold spaces (multi-word cues). A value ``"$other"`` item pulls in the set ``other``.
    A set the English table defines but this language does not is empty, so a stage runs (and
    finds less) in a language that has not written it yet; a name English does not define either
    is a typo, and raises."""

    def __init__(self, sets: Mapping[str, frozenset[str]], known: frozenset[str] = frozenset()):
        self._sets = dict(sets)
        self._known = known | frozenset(sets)

    def __getitem__(self, name: str) -> frozenset[str]:
        found = self._sets.get(name)
        if found is None:
            if name not in self._known:
                raise KeyError(f"no word set {name!r} (sets: {', '.join(sorted(self._known))})")
            return frozenset()
        return found

    def __getattr__(self, name: str) -> frozenset[str]:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            found = self[name]
        except KeyError as exc:
            raise AttributeError(str(exc)) from None
        # kept as an attribute: the next look-up does not come here (stages read sets in hot loops)
        object.__setattr__(self, name, found)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._sets)

    def __len__(self) -> int:
        return len(self._sets)

    def __contains__(self, name: object) -> bool:
        return name in self._sets

    @property
    def known(self) -> frozenset[str]:
        """The names that may be asked for: this table's and the English table's."""
        return self._known


@dataclass(frozen=True, eq=False)
class Language:
    """Everything language-specific the stages read, loaded from one folder (one object per
    language per process, compared and hashed by identity)."""

    code: str
    name: str
    model: str
    experimental: bool
    function_words: frozenset[str]
    #: the share of a text's words that must be function words for it to read as this language
    min_share: float
    #: dependency labels of the model -> the labels the rules are written in (ClearNLP style)
    dep_map: Mapping[str, str]
    #: lemma -> ((part of speech, sense, score), ...)
    triggers: Mapping[str, tuple[tuple[str, str, float], ...]]
    #: head lemma -> ((neighbour lemma, where, sense, score), ...)
    phrases: Mapping[str, tuple[tuple[str, str, str, float], ...]]
    words: Mapping[str, WordSets]
    #: ordered context rules (see :mod:`sitreps.stages.triggers.rules`)
    rules: tuple[Mapping[str, Any], ...]
    #: label -> token patterns for spaCy's Matcher
    patterns: Mapping[str, tuple[list[dict[str, Any]], ...]] = field(default_factory=dict)
    #: the folder's other TSV tables by file stem (``weapons.tsv`` -> "weapons"): rows of cells
    tables: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    #: the folder's other TOML files by stem (``attribution.toml`` -> "attribution")
    documents: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: matchers built so far, by (kind, labels): one per vocabulary, reused for every document
    _matchers: dict[tuple[str, tuple[str, ...]], tuple[Any, Any]] = field(default_factory=dict, init=False, repr=False)

    def document(self, name: str) -> Mapping[str, Any]:
        """The contents of ``<name>.toml`` (empty when the language has no such file)."""
        return self.documents.get(name, {})

    def table(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The rows of ``<name>.tsv`` (none when the language has no such table)."""
        return self.tables.get(name, ())

    def words_of(self, table: str) -> WordSets:
        """The word sets of one table of ``words.toml`` (empty sets where the language has none)."""
        found = self.words.get(table)
        if found is not None:
            return found
        return WordSets({}, load("en").words_of(table).known if self.code != "en" else frozenset())

    def matcher(self, vocab: Any, *labels: str) -> Any:
        """A spaCy ``Matcher`` over ``vocab`` holding the token patterns of ``labels`` (built once
        per vocabulary: building one validates every pattern, which costs more than matching),
        :class:`Gated` by the words the patterns need."""
        return self._built("token", vocab, labels)

    def dependency_matcher(self, vocab: Any, *labels: str) -> Any:
        """A spaCy ``DependencyMatcher`` over ``vocab`` holding the dependency patterns (lists of
        ``RIGHT_ID`` / ``LEFT_ID`` / ``REL_OP`` nodes) of ``labels`` (built once per vocabulary),
        :class:`Gated` by the words the patterns need."""
        return self._built("dependency", vocab, labels)

    def _built(self, kind: str, vocab: Any, labels: tuple[str, ...]) -> Any:
        hit = self._matchers.get((kind, labels))
        if hit is not None and hit[0] is vocab:
            return hit[1]
        from spacy.matcher import DependencyMatcher, Matcher

        m = DependencyMatcher(vocab) if kind == "dependency" else Matcher(vocab)
        needs: list[tuple[frozenset[str], ...]] = []
        for label in labels:
            pats = [p for p in self.patterns.get(label, ()) if _is_dependency(p) == (kind == "dependency")]
            if pats:
                m.add(label, pats)
            needs.extend(_needs(p) for p in pats)
        gated = Gated(m, tuple(needs) if all(needs) else None)
        self._matchers[(kind, labels)] = (vocab, gated)
        return gated


class Gated:
    """A spaCy matcher that is not run on a document where none of its patterns can match: one
    whose words lack, for every pattern, a word that pattern needs. Running a matcher walks every
    token (a dependency matcher once per node), which cost a tenth of the stages' time for five
    patterns rarely met."""

    def __init__(self, matcher: Any, needs: tuple[tuple[frozenset[str], ...], ...] | None):
        self.matcher = matcher
        #: per pattern, the words it needs (one of each set, lower-cased); None: run on every document
        self.needs = needs

    def __len__(self) -> int:
        return len(self.matcher)

    def could_match(self, doc: Any) -> bool:
        """Whether some pattern finds every word it needs in ``doc``."""
        if self.needs is None:
            return True
        from ..parse import words_in

        words = words_in(doc)
        return any(all(not need.isdisjoint(words) for need in pattern) for pattern in self.needs)

    def __call__(self, doc: Any) -> list:
        return self.matcher(doc) if self.could_match(doc) else []


def _needs(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """The words a match of ``pattern`` must hold, one set per token (or dependency node) that
    names them by ``LOWER``, ``ORTH``, ``TEXT`` or ``LEMMA`` (a string or an ``IN`` list), lower-cased;
    tokens that may be absent (``OP`` ``?``, ``*``, ``!``, ``{0,n}``) or name no word need nothing."""
    out = []
    for node in pattern:
        attrs = node.get("RIGHT_ATTRS", {}) if _is_dependency(pattern) else node
        op = str(attrs.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith(("{0", "{,")):  # "{0,2}": may be absent too
            continue
        for key in ("LOWER", "ORTH", "TEXT", "LEMMA"):
            value = attrs.get(key)
            if isinstance(value, str):
                out.append(frozenset({value.lower()}))
                break
            if isinstance(value, dict) and isinstance(value.get("IN"), list) and len(value) == 1:
                out.append(frozenset(str(v).lower() for v in value["IN"]))
                break
    return tuple(out)


def _is_dependency(pattern: list[dict[str, Any]]) -> bool:
    return bool(pattern) and "RIGHT_ID" in pattern[0]


def _folder(code: str) -> Any:
    return resources.files("sitreps.lang").joinpath(code)


def _read(code: str, name: str) -> str | None:
    path = _folder(code).joinpath(name)
    return path.read_text("utf-8") if path.is_file() else None


def _tsv(text: str | None) -> list[list[str]]:
    rows = []
    for line in (text or "").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def _word_sets(table: Mapping[str, Any], where: str, known: frozenset[str]) -> WordSets:
    raw: dict[str, list[str]] = {}
    for name, value in table.items():
        if isinstance(value, str):
            raw[name] = value.split()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            raw[name] = [v.strip() for v in value]
        else:
            raise ConfigError(f"{where}: word set {name!r} must be a string of words or an array of strings. Fix the language file.", "S021")
    resolved: dict[str, frozenset[str]] = {}

    def get(name: str, trail: tuple[str, ...] = ()) -> frozenset[str]:
        if name in resolved:
            return resolved[name]
        if name not in raw or name in trail:
            raise ConfigError(f"{where}: word set {name!r} is referenced but not defined (or refers to itself). Define it in the same table.", "S021")
        out: set[str] = set()
        for item in raw[name]:
            if item.startswith("$"):
                out |= get(item[1:], trail + (name,))
            else:
                out.add(item)
        resolved[name] = frozenset(out)
        return resolved[name]

    return WordSets({name: get(name) for name in raw}, known)


def _patterns(text: str | None, where: str) -> dict[str, tuple[list[dict[str, Any]], ...]]:
    out: dict[str, list[list[dict[str, Any]]]] = {}
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.setdefault(str(row["label"]), []).append(list(row["pattern"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{where} line {n} is not a pattern ({exc}). Each line is {{\"label\": ..., \"pattern\": [...]}}.", "S021") from exc
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def load(code: str) -> Language:
    """The language of folder ``code`` (read once per process)."""
    if code not in LANGUAGES:
        raise ConfigError(f"no rules for language {code!r}. Languages with rules: {', '.join(LANGUAGES)}; or set language = \"auto\".", "S020")
    where = f"lang/{code}"
    try:
        meta = tomllib.loads(_read(code, "language.toml") or "")
        words_raw = tomllib.loads(_read(code, "words.toml") or "")
        context = tomllib.loads(_read(code, "context.toml") or "")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: a TOML file is not valid ({exc}). Fix the language file.", "S021") from exc
    triggers: dict[str, list[tuple[str, str, float]]] = {}
    for row in _tsv(_read(code, "triggers.tsv")):
        lemmas, pos, sense, score = row
        for lemma in lemmas.split("|"):
            for p in pos.split():
                triggers.setdefault(lemma, []).append((p, sense, float(score)))
    phrases: dict[str, list[tuple[str, str, str, float]]] = {}
    for head, word, where_, sense, score in _tsv(_read(code, "phrases.tsv")):
        phrases.setdefault(head, []).append((word, where_, sense, float(score)))
    tables = {
        p.name[:-4]: tuple(tuple(row) for row in _tsv(p.read_text("utf-8")))
        for p in _folder(code).iterdir()
        if p.name.endswith(".tsv") and p.name not in ("triggers.tsv", "phrases.tsv")
    }
    documents: dict[str, Mapping[str, Any]] = {}
    for p in _folder(code).iterdir():
        if p.name.endswith(".toml") and p.name not in ("language.toml", "words.toml", "context.toml"):
            try:
                documents[p.name[:-5]] = tomllib.loads(p.read_text("utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{where}/{p.name} is not valid TOML ({exc}). Fix the language file.", "S021") from exc
    return Language(
        code=code,
        name=str(meta.get("name", code)),
        model=str(meta.get("model", "")),
        experimental=bool(meta.get("experimental", False)),
        function_words=frozenset(str(meta.get("function_words", "")).split()),
        min_share=float(meta.get("min_share", 0.06)),
        dep_map=MappingProxyType(dict(meta.get("dependency_labels", {}))),
        triggers=MappingProxyType({k: tuple(v) for k, v in triggers.items()}),
        phrases=MappingProxyType({k: tuple(v) for k, v in phrases.items()}),
        words=MappingProxyType({
            t: _word_sets(v, f"{where}/words.toml [{t}]", load("en").words_of(t).known if code != "en" else frozenset())
            for t, v in words_raw.items()
        }),
        rules=tuple(MappingProxyType(r) for r in context.get("rule", [])),
        patterns=MappingProxyType(_patterns(_read(code, "patterns.jsonl"), f"{where}/patterns.jsonl")),
        tables=MappingProxyType(tables),
        documents=MappingProxyType(documents),
    )


@lru_cache(maxsize=1)
def senses() -> Mapping[str, tuple[str, str | None, str | None]]:
    """sense -> (PLOVER root, ACLED event type, ACLED sub-event type), from ``lang/senses.toml``."""
    data = tomllib.loads(resources.files("sitreps.lang").joinpath("senses.toml").read_text("utf-8"))
    out: dict[str, tuple[str, str | None, str | None]] = {}
    for name, row in data["sense"].items():
        out[name] = (row["plover"], row.get("acled") or None, row.get("acled_sub") or None)
    return MappingProxyType(out)


def _reads_as(words: list[str], code: str) -> tuple[bool, int]:
    """Whether ``words`` read as language ``code``: a share of at least its ``min_share`` are
    among its function words, and half are written in its script (ASCII for English, Latin-1
    letters otherwise)."""
    language = load(code)
    fw = language.function_words
    latin = sum(1 for w in words if w.isascii() or (code != "en" and _latin1(w)))
    common = sum(1 for w in words if w.lower() in fw)
    return latin / len(words) >= 0.5 and common / len(words) >= language.min_share, common


def choose(text: str, setting: str = "auto") -> tuple[str | None, str | None]:
    """The language to extract ``text`` in, from the ``language`` setting ("auto" or a code of
    :data:`LANGUAGES`): ``(code, None)``, or ``(None, warning)`` when the text does not read as
    that language (or, with "auto", as any of them). Languages are tried in order, so a text that
    reads as English stays English; a text too short to tell (under 8 words) is taken as is."""
    candidates = LANGUAGES if setting == "auto" else (setting,)
    if setting != "auto":
        load(setting)  # an unknown code is a configuration error, said as such
    head = text[:20000]
    names = " or ".join(load(c).name for c in candidates)
    only = " and ".join(load(c).name + (" (experimental)" if load(c).experimental else "") for c in candidates)
    letters = [c for c in head if c.isalpha()]
    if len(letters) >= 20:  # Chinese or Arabic text has few spaces: judge it by its letters, not its words
        latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
        if latin / len(letters) < 0.5:
            return None, (f"the text does not look like {names} (only {latin} of {len(letters)} letters are Latin); "
                          f"sitreps extracts {only} only, so no events were extracted")
    words = _WORD.findall(head)
    if len(words) < 8:
        return candidates[0], None
    best = 0
    for code in candidates:
        ok, common = _reads_as(words, code)
        if ok:
            return code, None
        best = max(best, common)
    return None, (
        f"the text does not look like {names} ({best} of {len(words)} words are common {names} words); "
        f"sitreps extracts {only} only, so no events were extracted"
    )


def _latin1(word: str) -> bool:
    try:
        word.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def of_model(nlp: Any) -> Language:
    """The language whose rules go with a spaCy pipeline (English for a language without rules)."""
    code = getattr(nlp, "lang", "en")
    return load(code if code in LANGUAGES else "en")
