"""Partitions of batch input with stable ids, and the output folder that records finished ones.

A partition is a run of documents in one file (JSON Lines from a byte offset and line number,
WARC records from a byte offset) or a group of small text/HTML files. Its id is a hash of what it
covers (the file's real path and size, the offset, the count), so the same inputs split the same
way give the same ids on every run.

Output is written per partition: each table to a temporary file, renamed into place (atomic on
POSIX), and only then is the partition appended to ``_manifest.jsonl``. A rerun after a crash
skips partitions in the manifest and rewrites any other partition whole, under the same file
names, so no document is lost or written twice.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import BatchError
from . import inputs
from .schema import TABLES

MANIFEST = "_manifest.jsonl"


@dataclass(frozen=True)
class Partition:
    id: str
    kind: str  # "jsonl", "warc" or "files"
    path: str = ""  # the file of a jsonl or warc partition
    offset: int = 0  # byte offset of its first document
    line: int = 1  # line number at ``offset`` (jsonl)
    count: int = 0  # documents (jsonl lines, warc pages) or files in it
    to_end: bool = False  # the last partition of its file reads to the end: a damaged tail becomes a failure row
    files: tuple[str, ...] = ()  # a files partition
    skip: int = 0  # a slice of a partition starts this many documents in

    @property
    def paths(self) -> tuple[str, ...]:
        return self.files if self.kind == "files" else (self.path,)

    @property
    def label(self) -> str:
        """Where the partition is, for failure rows and messages."""
        if self.kind == "files":
            return self.files[self.skip] if self.count == 1 else f"{len(self.files)} files from {self.files[0]}"
        return f"{self.path}:{self.line}" if self.kind == "jsonl" else f"{self.path}@{self.offset}"

    def slice(self, lo: int, hi: int) -> "Partition":
        """Documents ``lo`` to ``hi`` of this partition (to its end when ``hi`` is its last)."""
        return replace(self, skip=self.skip + lo, count=hi - lo, to_end=self.to_end and hi == self.count)

    def items(self) -> Iterator[dict[str, Any]]:
        """The partition's documents as item dicts (``input`` always set; ``error`` for one that cannot be read)."""
        if self.kind == "files":
            for path in self.files[self.skip:self.skip + self.count]:
                yield from inputs.read_file(path)
            return
        if self.kind == "warc":
            yield from inputs.take_pages(inputs.read_warc(self.path, self.offset), self.skip, self.count, self.to_end)
            return
        lines = islice(inputs.read_jsonl(self.path, self.offset, self.line), self.skip, None)
        yield from (lines if self.to_end else islice(lines, self.count))


def _pid(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]


def _file_partitions(path: str, kind: str, size: int) -> Iterator[Partition]:
    """Cut one JSON Lines or WARC file into partitions of ``size`` documents."""
    real = os.path.realpath(path)
    nbytes = os.path.getsize(real)
    starts: list[tuple[int, int]] = []  # (offset, line) of each partition's first document
    total = 0
    damaged = False
    if kind == "jsonl":
        with open(real, "rb") as stream:
            for lineno, offset, _ in inputs.jsonl_lines(stream, 1):
                if total % size == 0:
                    starts.append((offset, lineno))
                total += 1
    else:
        for offset in inputs.warc_offsets(real):
            if not isinstance(offset, int):
                damaged = True
                continue
            if total % size == 0:  # the first partition starts at the file's start, so it also reads what precedes its first page
                starts.append((offset if total else 0, 1))
            total += 1
    if damaged and not starts:
        starts.append((0, 1))  # nothing readable: one partition that reports the damage
    for i, (offset, line) in enumerate(starts):
        count = min(size, total - i * size)
        last = i == len(starts) - 1
        yield Partition(_pid(kind, real, nbytes, offset, count), kind, real, offset, line, count, to_end=last)


def _walk(path: Path) -> Iterator[Path]:
    for entry in sorted(path.rglob("*")):
        if entry.is_file() and not any(p.startswith(".") for p in entry.relative_to(path).parts):
            yield entry


def plan(paths: Iterable[str], size: int = 200) -> list[Partition]:
    """Partitions of ``size`` documents covering every input (files and directories, walked in
    sorted order); the same inputs give the same partitions."""
    if size < 1:
        raise BatchError(f"partition size must be at least 1 (got {size}).", "S702")
    singles: list[str] = []
    out: list[Partition] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise BatchError(f"{raw} does not exist. Give files or directories of JSON Lines, WARC(.gz), text or HTML.", "S701")
        for f in (_walk(p) if p.is_dir() else [p]):
            real = os.path.realpath(f)
            if real in seen:
                continue
            seen.add(real)
            kind = inputs.kind_of(real)
            if kind == "file":
                if p.is_dir() and not real.endswith(inputs.FILE_SUFFIXES):
                    continue  # a directory's stray files (.json, .csv, images) are not articles
                singles.append(real)
            else:
                out.extend(_file_partitions(real, kind, size))
    for i in range(0, len(singles), size):
        group = tuple(singles[i:i + size])
        out.append(Partition(_pid("files", *((f, os.path.getsize(f)) for f in group)), "files", count=len(group), files=group))
    return out


class Output:
    """A batch output folder: ``documents/``, ``events/``, ``failures/`` and the manifest."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        for kind in TABLES:
            (self.root / kind).mkdir(parents=True, exist_ok=True)
        self.manifest = self.root / MANIFEST

    def clean(self) -> int:
        """Remove temporary files a killed run left behind (call before a run, never during one)."""
        stale = [f for kind in TABLES for f in (self.root / kind).glob(".*.tmp")]
        for f in stale:
            f.unlink(missing_ok=True)
        return len(stale)

    def finished(self) -> dict[str, dict[str, Any]]:
        """Partition id -> its manifest entry. A torn last line (a crash mid-write) is ignored."""
        done: dict[str, dict[str, Any]] = {}
        if self.manifest.exists():
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    done[entry["partition"]] = entry
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
        return done

    def check(self, parts: list[Partition]) -> None:
        """Refuse a plan that splits an input differently from the finished partitions of an earlier run."""
        ids = {p.id for p in parts}
        paths = {path for p in parts for path in p.paths}
        for pid, entry in self.finished().items():
            if pid not in ids and paths.intersection(entry.get("paths", ())):
                raise BatchError(
                    f"{self.root} already holds {entry.get('paths', ['?'])[0]} split differently (another --partition-size, "
                    "or the file changed since). Re-run with the first run's --partition-size, or write to a new --out folder.", "S703")

    def write(self, part: Partition, tables: dict[str, pa.Table], final: bool = True) -> None:
        """Write a partition's tables atomically; record it as finished when ``final``."""
        for kind, tbl in tables.items():
            target = self.root / kind / f"{part.id}.parquet"
            tmp = target.with_name(f".{part.id}.{os.getpid()}.tmp")
            pq.write_table(tbl, tmp)
            os.replace(tmp, target)
        if final:
            entry = {"partition": part.id, "paths": list(part.paths), "label": part.label,
                     **{kind: tbl.num_rows for kind, tbl in tables.items()}}
            with open(self.manifest, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
