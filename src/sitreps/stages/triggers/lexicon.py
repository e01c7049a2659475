"""The English trigger lexicon and cue-word sets, as module names (read from ``lang/en/``).

The tables are data now (``sitreps/lang/en/triggers.tsv``, ``phrases.tsv`` and the ``[triggers]``
table of ``words.toml``; see ``docs/rules.md``). ``TRIGGERS`` maps a lemma to its
``(part of speech, sense, base score)`` rows, ``PHRASES`` a head lemma to the
``(neighbour, where, sense, score)`` rows that refine it. The stages read a document's own
language through :func:`sitreps.lang.load`; these names are the English tables, for code that
wants them by name.
"""

from __future__ import annotations

from ...lang import load

_EN = load("en")

#: lemma -> ((pos, sense, score), ...)
TRIGGERS = _EN.triggers
#: head lemma -> ((neighbour lemma, where, sense, score), ...)
PHRASES = _EN.phrases
