"""spaCy parsing with bounded memory, one result per text.

spaCy's parser and NER hold working memory in proportion to the tokens of a batch: one
1.5-million-character text fed whole peaks at about 4 GB (docs/benchmarks.md). A text longer
than :data:`CHUNK_CHARS` is therefore cut at paragraph breaks (else at a space), the pieces are
parsed one at a time and joined with ``Doc.from_docs``, so the joined Doc's text is the input
text exactly and memory stays that of one piece. A text that spaCy fails on yields the exception
in its place, so one bad text never takes its batch down with it.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: texts longer than this many characters are parsed piece by piece
CHUNK_CHARS = 100_000
#: the spaCy component that makes the headline line a sentence of its own (:func:`add_headline_break`)
HEADLINE = "sitreps_headline"


def headline_break(doc: "Doc") -> "Doc":
    """End the headline's sentence at the blank line under it, before the parser runs (which keeps
    sentence starts set before it). A headline has no full stop, and the parser otherwise runs it
    into the first paragraph: "... energy site in Odesa region\n\nKYIV, Nov 3 (Reuters) - ... shot
    down 38 drones" made one sentence that put the drones in Odesa. Only the first line is taken
    for a headline: further down, scraped pages also put blank lines inside sentences (a TV
    transcript wrapped every few words), and a caption or subheading there stays with the
    paragraph it introduces (docs/evaluation.md, "Wire stories written for this check")."""
    from spacy.attrs import IS_SPACE

    toks = doc.to_array(IS_SPACE).tolist()
    for i, space in enumerate(toks):
        if space:
            text = doc[i].text
            if "\n" in text:
                if text.count("\n") >= 2 and i + 1 < len(toks) and not toks[i + 1]:
                    doc[i + 1].is_sent_start = True
                break
    return doc


def add_headline_break(nlp: "Language") -> "Language":
    """Put :func:`headline_break` before ``nlp``'s parser (once); a pipeline without a parser is
    left as it is."""
    from spacy.language import Language

    if not Language.has_factory(HEADLINE):
        Language.component(HEADLINE, func=headline_break)
    if "parser" in nlp.pipe_names and HEADLINE not in nlp.pipe_names:
        nlp.add_pipe(HEADLINE, before="parser")
    return nlp


def pieces(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, at the last paragraph break of
    each piece (else the last line break, else the last space), so ``"".join`` gives it back."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = text.rfind(sep, start + size // 4, end)
            if cut >= 0:
                cut += len(sep)
                break
        if cut <= start:
            cut = end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse_one(nlp: "Language", text: str, between: Callable[[], None] | None = None) -> "Doc":
    """One text as one Doc, parsed piece by piece when it is long; ``between`` runs after each
    piece (a time budget check, say)."""
    from spacy.tokens import Doc

    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
    docs = []
    for part in pieces(text):
        docs.append(nlp(part))
        if between is not None:
            between()
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_many(nlp: "Language", texts: Iterable[str], batch_size: int) -> Iterator["Doc | Exception"]:
    """A Doc (or the exception spaCy raised on it) for each text, in order. Short texts go
    through ``nlp.pipe`` in batches of at most ``batch_size`` texts and :data:`CHUNK_CHARS`
    characters together; long ones piece by piece."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if len(text) > CHUNK_CHARS:
            yield from _pipe(nlp, batch)
            batch, size = [], 0
            yield _safe(nlp, text)
            continue
        if batch and (len(batch) >= batch_size or size + len(text) > CHUNK_CHARS):
            yield from _pipe(nlp, batch)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    yield from _pipe(nlp, batch)


def _pipe(nlp: "Language", batch: list[str]) -> list["Doc | Exception"]:
    if not batch:
        return []
    try:
        return list(nlp.pipe(batch, batch_size=len(batch)))
    except Exception:  # one text broke the batch: parse one by one to isolate it
        return [_safe(nlp, t) for t in batch]


def _safe(nlp: "Language", text: str) -> "Doc | Exception":
    try:
        return parse_one(nlp, text)
    except Exception as exc:  # handed back as this text's result, not raised
        return exc


#: the ``Doc.user_data`` key of the document's text, joined once
_TEXT = "sitreps.text"


def text_of(doc: "Doc") -> str:
    """``doc.text``, joined once per Doc. spaCy builds ``Doc.text`` again from every token on each
    read; the stages read it a dozen times per document, which cost as much as a stage."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


#: the ``Doc.user_data`` keys of what the stages read of a document, built once
_TOKENS = "sitreps.tokens"
_SENTS = "sitreps.sents"
_ENTS = "sitreps.ents"
_WORDS = "sitreps.words"
_INDEX = "sitreps.index"
_POSITIONS = "sitreps.positions"


def tokens_of(doc: "Doc") -> "tuple[Token, ...]":
    """The document's tokens as a list, built once per Doc. spaCy makes a new ``Token`` object
    on every ``doc[i]`` and every step of a loop over a Doc or Span; the stages make millions of
    them per thousand articles, a sixth of their time. Index this tuple instead (every stage
    shares it, so it cannot be changed). It holds the Doc (each Token does), so :func:`release`
    drops it when the stages are done."""
    toks = doc.user_data.get(_TOKENS)
    if toks is None:
        toks = doc.user_data[_TOKENS] = tuple(doc)
    return toks


def tokens_in(span: "Span") -> "tuple[Token, ...]":
    """The tokens of ``span``, from the document's list (see :func:`tokens_of`)."""
    return tokens_of(span.doc)[span.start:span.end]


def sents_of(doc: "Doc") -> "tuple[Span, ...]":
    """``doc.sents`` as a tuple, built once per Doc: every stage reads the sentences (and shares
    them, so they cannot be changed)."""
    sents = doc.user_data.get(_SENTS)
    if sents is None:
        sents = doc.user_data[_SENTS] = tuple(doc.sents)
    return sents


def ents_of(doc: "Doc") -> "tuple[Span, ...]":
    """``doc.ents``, built once per Doc: spaCy makes the entity spans anew on every read, and the
    stages read them a dozen times per document."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = tuple(doc.ents)
    return ents


def span_text(span: "Span") -> str:
    """``span.text``, cut from the document's text instead of joined from its tokens."""
    return text_of(span.doc)[span.start_char:span.end_char]


def words_in(doc: "Doc") -> frozenset[str]:
    """Every word of ``doc``, lower-cased, as written and as its lemma, gathered once per Doc: what
    a rule asks when it looks for a word anywhere in the article, and what tells a pattern matcher
    that none of its patterns can match."""
    words = doc.user_data.get(_WORDS)
    if words is None:
        words = doc.user_data[_WORDS] = frozenset(word_index(doc))
    return words


def word_index(doc: "Doc") -> dict[str, list[int]]:
    """Each lower-cased word of ``doc``, as written and as its lemma, with the indices of the tokens
    that are it, in order: built once per Doc from two arrays, so a finder that reads only some
    words visits their tokens and not every token of the page."""
    index = doc.user_data.get(_INDEX)
    if index is None:
        from spacy.attrs import LEMMA, LOWER

        strings = doc.vocab.strings
        names: dict[int, str] = {}
        index = {}
        for i, (low, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            for h in (low, lemma) if low != lemma else (low,):
                word = names.get(h)
                if word is None:
                    word = names[h] = strings[h].lower()
                at = index.get(word)
                if at is None:
                    index[word] = [i]
                elif at[-1] != i:  # a lemma that is the word's lower-case form once lower-cased
                    at.append(i)
        doc.user_data[_INDEX] = index
    return index


def positions(doc: "Doc", words: frozenset[str]) -> list[int]:
    """The indices, in order, of the tokens of ``doc`` whose lower-cased form or lemma is one of
    ``words`` (see :func:`word_index`); kept per Doc for each word set (a module's constant), so a
    finder that asks sentence by sentence pays once."""
    cache = doc.user_data.get(_POSITIONS)
    if cache is None:
        cache = doc.user_data[_POSITIONS] = {}
    found = cache.get(id(words))
    if found is None or found[0] is not words:
        index = word_index(doc)
        hits = words.intersection(index)
        at = sorted({i for w in hits for i in index[w]}) if len(hits) > 1 else list(index[next(iter(hits))]) if hits else []
        found = cache[id(words)] = (words, at)
    return found[1]


def tokens_among(span: "Span", words: frozenset[str]) -> "list[Token]":
    """The tokens of ``span`` whose lower-cased form or lemma is one of ``words``, in order: what a
    loop over ``tokens_in(span)`` that skips every other word visits (see :func:`positions`)."""
    at = positions(span.doc, words)
    toks = tokens_of(span.doc)
    return [toks[i] for i in at[bisect_left(at, span.start):bisect_left(at, span.end)]]


def release(doc: "Doc") -> None:
    """Drop what :func:`tokens_of`, :func:`sents_of`, :func:`ents_of`, :func:`words_in`, :func:`word_index` and :func:`positions` keep on
    ``doc``: the token, sentence and entity lists point back to it, so the Doc would otherwise
    wait for the garbage collector's cycle search."""
    for key in (_TOKENS, _SENTS, _ENTS, _WORDS, _INDEX, _POSITIONS):
        doc.user_data.pop(key, None)
