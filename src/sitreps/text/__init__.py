"""Helpers shared by the stages, over the text and its spaCy parse: the mention types stages
pass to one another (:mod:`.mentions`), quotation marks (:mod:`.quotes`), speakers and noun
phrases (:mod:`.speakers`), modality (:mod:`.modality`) and sentence look-ups (:mod:`.sentences`).

Stages import these; nothing here imports a stage or the pipeline.
"""
