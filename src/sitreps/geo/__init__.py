"""Offline geocoding: the SQLite gazetteer (:mod:`.gazetteer`, built by :mod:`.build` from packaged
data or imported from GeoNames dumps by :mod:`.geonames`), toponym recognition over a spaCy
``Doc`` (:mod:`.recognise`) and resolution in document context (:mod:`.resolve`). The ``places``
stage (:mod:`sitreps.stages.places`) puts them together."""

from .gazetteer import Candidate, Gazetteer, default_path, ensure_gazetteer, open_gazetteer

__all__ = ["Candidate", "Gazetteer", "default_path", "ensure_gazetteer", "open_gazetteer"]
