"""spaCy parsing with bounded memory, one result per text.

spaCy's parser and NER hold working memory in proportion to the tokens of a batch: one
1.5-million-character text fed whole peaks at about 4 GB (docs/benchmarks.md). A text longer
than :data:`CHUNK_CHARS` is therefore cut at paragraph breaks (else at a space), the pieces are
parsed one at a time and joined with ``Doc.from_docs``, so the joined Doc's text is the input
text exactly and memory stays that of one piece. A text that spaCy fails on yields the exception
in its place, so one bad text never takes its batch down with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: texts longer than this many characters are parsed piece by piece
CHUNK_CHARS = 100_000


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
