"""Incidents: single-link clusters of events over the match graph, kept with union-find.

Two events are one incident when they share a block key and ``match`` scores them at least the
threshold; an incident is everything linked by such pairs. That graph does not depend on the
order events arrive in, nor on how often one is added, so neither does the clustering; and an
incident's id is a hash of its smallest member id, so the same events always give the same ids.
``MemoryIndex`` is the reference implementation; the store keeps the same structure in tables.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from .block import block_keys
from .config import MergeSettings
from .fingerprint import Fingerprint
from .match import Model, match


def incident_id(event_ids: Iterable[str]) -> str:
    """Deterministic: ``inc-`` and a hash of the smallest member event id."""
    return "inc-" + hashlib.sha256(min(event_ids).encode("utf-8")).hexdigest()[:20]


class MemoryIndex:
    """In-memory incidents: add fingerprints in any order, any number of times."""

    def __init__(self, settings: MergeSettings | None = None, model: Model | None = None) -> None:
        self.settings = settings or MergeSettings()
        self.model = model  # None: the shipped weights
        self._fps: dict[str, Fingerprint] = {}
        self._blocks: dict[str, list[str]] = {}
        self._parent: dict[str, str] = {}
        self.compared = 0  # candidate pairs scored (for benchmarks: never all pairs)

    def __len__(self) -> int:
        return len(self._fps)

    def _find(self, x: str) -> str:
        parent = self._parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:  # the smaller id becomes the root, so roots do not depend on arrival order
            self._parent[max(ra, rb)] = min(ra, rb)

    def add(self, fps: Iterable[Fingerprint]) -> None:
        """Add events; each is compared with the events already in its blocks. An event id seen
        before is skipped (adding is idempotent)."""
        threshold, settings = self.settings.threshold, self.settings
        for fp in fps:
            if fp.event_id in self._fps:
                continue
            self._fps[fp.event_id] = fp
            self._parent[fp.event_id] = fp.event_id
            seen: set[str] = set()
            for key in block_keys(fp, settings):
                members = self._blocks.setdefault(key, [])
                for other in members:
                    if other in seen:
                        continue
                    seen.add(other)
                    self.compared += 1
                    if self._find(other) != self._find(fp.event_id) and match(fp, self._fps[other], settings, self.model) >= threshold:
                        self._union(fp.event_id, other)
                members.append(fp.event_id)

    def incident_of(self, event_id: str) -> str:
        """The id of the incident an event belongs to."""
        root = self._find(event_id)
        return incident_id(e for e in self._fps if self._find(e) == root)

    def incidents(self) -> dict[str, list[str]]:
        """Incident id -> its member event ids (sorted)."""
        groups: dict[str, list[str]] = {}
        for eid in self._fps:
            groups.setdefault(self._find(eid), []).append(eid)
        return {incident_id(members): sorted(members) for members in groups.values()}
