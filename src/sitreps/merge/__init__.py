"""Cross-article merge: reports of one incident, from many documents, joined into one incident.

The interface the store codes against (and the reference implementation it must agree with)::

    Fingerprint.from_event(event, document)   what one event contributes (fingerprint.py)
    block_keys(fp)                             candidates share a key: family x place x day (block.py)
    match(a, b)                                0..1, same incident or not (match.py)
    THRESHOLD                                  pairs scoring at least this are one incident
    incident_id(event_ids)                     deterministic id of an incident (incidents.py)
    incident_figures(reports)                  low/best/high killed and injured, every source (figures.py)
    MemoryIndex                                incremental, idempotent, order-independent clustering

``THRESHOLD`` and the other knobs are the ``[merge]`` settings (config.py); the module-level
functions use the defaults, and each takes a ``MergeSettings`` to use others.
Nothing here knows of SQL.
"""

from __future__ import annotations

from .block import block_keys
from .config import MergeSettings, load_merge_settings, merge_settings
from .figures import as_report, incident_figures
from .fingerprint import Fingerprint, record_fingerprints
from .incidents import MemoryIndex, incident_id
from .match import features, match

THRESHOLD: float = MergeSettings().threshold

__all__ = [
    "THRESHOLD", "Fingerprint", "MemoryIndex", "MergeSettings", "as_report", "block_keys", "features", "incident_figures",
    "incident_id", "load_merge_settings", "match", "merge_settings", "record_fingerprints",
]
