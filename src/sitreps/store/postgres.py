"""PostgreSQL backend (psycopg 3): the same tables, a tsvector for full-text search."""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from . import redact
from .base import Store

_LOCK = 720_101  # advisory lock id held while migrating, so two processes do not migrate at once
_WRITE_LOCK = 720_102  # held by each write batch: writers take turns, as on SQLite, so merges never race


class PostgresStore(Store):
    dialect = "postgres"

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("PostgreSQL stores need psycopg 3: `pip install 'sitreps[postgres]'`.", "S505") from exc
        try:
            return psycopg.connect(self.url, autocommit=False)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(self.url)}: {str(exc).strip()}. Is the server running and the URL right?", "S506") from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _begin(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    def _apply_migration(self, version: int, name: str, sql: str) -> None:
        with self.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            if self.scalar("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                return
            self.conn.execute(sql)
            self.execute("INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, now()::text)", (version, name))

    def _search(self) -> str:
        return "events.search_vector @@ plainto_tsquery('simple', ?)"

    def _translate(self, exc: Exception) -> Exception:
        import psycopg

        if isinstance(exc, psycopg.errors.DiskFull):
            return StoreError(f"the PostgreSQL server's disk is full ({exc}). This batch was rolled back; free space and run again.", "S503")
        if isinstance(exc, (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected)):
            return StoreError(f"the store is locked by another process ({exc}). Run again when it has finished.", "S502")
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"lost the connection to {redact(self.url)} ({str(exc).strip()}). This batch was rolled back; run again.", "S507")
        return exc
