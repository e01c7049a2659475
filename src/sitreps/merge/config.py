"""Merge settings: the ``[merge]`` table of ``default.toml``, a user config, ``SITREPS_MERGE_*``."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from ..errors import ConfigError
from ..settings import closest

BEST_RULES = ("latest", "conservative")
SIMILARITIES = ("words", "minilm")


@dataclass(frozen=True)
class MergeSettings:
    threshold: float = 0.6
    window_days: int = 4
    max_span_days: int = 31
    best: str = "latest"
    similarity: str = "words"

    def with_(self, **changes: Any) -> "MergeSettings":
        return replace(self, **changes)


def merge_settings(table: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> MergeSettings:
    """Settings from a ``[merge]`` table (``Settings.tables["merge"]``) and ``SITREPS_MERGE_<KEY>``."""
    env = os.environ if env is None else env
    base = MergeSettings()
    values: dict[str, Any] = {}
    known = {f.name: getattr(base, f.name) for f in fields(MergeSettings)}
    for key, raw in (table or {}).items():
        if key not in known:
            raise ConfigError(f"unknown setting {key!r} in [merge].{closest(key, tuple(known))} Valid keys: {', '.join(known)}.", "S009")
        values[key] = raw
    for key in known:
        if f"SITREPS_MERGE_{key.upper()}" in env:
            values[key] = env[f"SITREPS_MERGE_{key.upper()}"]
    out: dict[str, Any] = {}
    for key, raw in values.items():
        try:
            out[key] = type(known[key])(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"merge setting {key!r} has the wrong type ({raw!r}): {exc}. Fix it in your config or environment.", "S003") from exc
    s = replace(base, **out)
    if s.best not in BEST_RULES:
        raise ConfigError(f"merge setting 'best' is {s.best!r}; use one of {', '.join(BEST_RULES)}.", "S003")
    if s.similarity not in SIMILARITIES:
        raise ConfigError(f"merge setting 'similarity' is {s.similarity!r}; use one of {', '.join(SIMILARITIES)}.", "S003")
    if not 0.0 <= s.threshold <= 1.0 or s.window_days < 0 or s.max_span_days < 0:
        raise ConfigError("merge settings: threshold must be in 0..1, window_days and max_span_days at least 0.", "S003")
    return s


def load_merge_settings(settings: Any = None) -> MergeSettings:
    """The merge settings of a loaded :class:`sitreps.settings.Settings` (default: the defaults)."""
    if settings is None:
        from ..settings import load_settings

        settings = load_settings()
    return merge_settings(settings.tables.get("merge"))
