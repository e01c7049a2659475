"""Which sentence holds a character offset: one look-up shared by the stages."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Sequence

from ..parse import sents_of

if TYPE_CHECKING:
    from spacy.tokens import Doc


def sentence_starts(doc: "Doc", spans: Sequence[tuple[int, int]] | None = None) -> list[int]:
    """Character offsets where the sentences of ``doc`` start (from ``spans`` when given)."""
    return [s for s, _ in spans] if spans else [s.start_char for s in sents_of(doc)]


def sentence_at(starts: Sequence[int], offset: int) -> int:
    """Index of the sentence holding ``offset``, given the sentences' start offsets (0 before the first)."""
    return max(0, bisect_right(starts, offset) - 1)
