"""The event store (SQLite or PostgreSQL): ``open_store(url)`` and what it returns."""

from __future__ import annotations

import os
import re

from ..merge import MergeSettings
from .base import Batch, Counts, Store
from .query import Filters

#: The store used when neither --db nor SITREPS_DB names one.
DEFAULT_DB = "sitreps.db"


def default_url() -> str:
    return os.environ.get("SITREPS_DB") or DEFAULT_DB


def redact(url: str) -> str:
    """A store URL fit to print: the password replaced by ***."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def open_store(url: str | None = None, merge_settings: MergeSettings | None = None) -> Store:
    """``postgresql://…`` opens PostgreSQL; anything else is a SQLite file path (``sqlite:///x.db`` too).
    Migrations are applied on opening. ``merge_settings`` default to the ``[merge]`` settings."""
    url = url or default_url()
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url, merge_settings)
    from .sqlite import SQLiteStore

    return SQLiteStore(url.removeprefix("sqlite:///").removeprefix("sqlite://"), merge_settings=merge_settings)


__all__ = ["Batch", "Counts", "DEFAULT_DB", "Filters", "Store", "default_url", "open_store", "redact"]
