"""One gazetteer build at a time per file, across threads and processes.

:func:`build_lock` holds an exclusive ``fcntl`` lock on ``<gazetteer>.lock`` (and a thread lock,
since ``fcntl`` locks belong to the process) while a gazetteer is written. It is re-entrant in
the thread that holds it, so a build that takes it can call a writer that takes it again.
Whoever waits on it re-checks the gazetteer when it gets it: a build finished by another
process is used, not repeated. Holding the lock also proves that any ``<gazetteer>.tmp-*``
file left beside it is the remains of a killed build, so it is removed.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: threads are still serialised
    fcntl = None  # type: ignore[assignment]

_GUARD = threading.Lock()
_THREAD_LOCKS: dict[str, threading.RLock] = {}
_HELD: dict[str, tuple[int, "IO[bytes] | None"]] = {}


@contextmanager
def build_lock(path: str | Path) -> Iterator[None]:
    """Hold the build lock of the gazetteer at ``path`` (waits while another build holds it)."""
    target = Path(path).expanduser().absolute()
    key = str(target)
    with _GUARD:
        rlock = _THREAD_LOCKS.setdefault(key, threading.RLock())
    with rlock:
        depth, fh = _HELD.get(key, (0, None))
        if depth == 0:
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = open(target.with_name(target.name + ".lock"), "ab")  # noqa: SIM115 - closed below
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            _remove_leftovers(target)
        _HELD[key] = (depth + 1, fh)
        try:
            yield
        finally:
            depth, fh = _HELD.pop(key)
            if depth > 1:
                _HELD[key] = (depth - 1, fh)
            elif fh is not None:
                if fcntl is not None:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
                fh.close()


def _remove_leftovers(target: Path) -> None:
    prefix = target.name + ".tmp-"
    for stale in (p for p in target.parent.iterdir() if p.name.startswith(prefix)):
        try:
            stale.unlink()
        except OSError:  # already gone, or not ours to remove: the build goes on regardless
            pass
