"""sitreps as a component in a user's own spaCy pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("sitreps")            # after the parser and NER
    doc = nlp(text)
    doc._.sitreps                      # the sitreps.Record
    doc._.sitreps_events               # its events

``doc.user_data["published"]`` (an ISO date), if set before the call, anchors relative dates.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import Extractor
from .settings import load_settings

if not Doc.has_extension("sitreps"):
    Doc.set_extension("sitreps", default=None)
    Doc.set_extension("sitreps_events", getter=lambda doc: doc._.sitreps.events if doc._.sitreps else [])


class SitrepsComponent:
    def __init__(self, nlp: Language, name: str, stages: list[str] | None):
        self.extractor = Extractor(load_settings(), nlp=nlp, stages=stages)

    def __call__(self, doc: Doc) -> Doc:
        meta: dict[str, Any] = {k: doc.user_data.get(k) for k in ("id", "title", "url", "source")}
        doc._.sitreps = self.extractor.process(doc, published=doc.user_data.get("published"), **meta)
        return doc


@Language.factory("sitreps", default_config={"stages": None}, requires=["doc.ents", "token.dep"], assigns=["doc._.sitreps"])
def make_sitreps(nlp: Language, name: str, stages: list[str] | None) -> SitrepsComponent:
    return SitrepsComponent(nlp, name, stages)
