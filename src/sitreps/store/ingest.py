"""``ingest``: read inputs, extract, store and merge, one committed batch at a time.

Resumable by construction: every batch is one transaction, and documents already in the store
are skipped before extraction, so a run interrupted anywhere (Ctrl-C, kill -9, a full disk) and
started again finishes the job with nothing lost and nothing doubled. A failing input or document
becomes a ``failures`` row and the run goes on.

With ``workers > 1`` extraction runs in that many processes (each loads the model once); the
calling process alone writes to the store, in input order.
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from ..ingest.sources import Fetcher, Unreadable, read_sources
from ..pipeline import Extractor, Failure
from ..settings import Settings, load_settings
from .base import Counts, Store

#: Called after every committed batch with what the run has stored so far.
ProgressFn = Callable[[Counts], None]


@dataclass
class IngestOptions:
    workers: int = 1
    batch_size: int = 32
    allow_private: bool = False
    merge: bool = True
    config: str | None = None


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


def _results(extractor: Extractor, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for result in extractor.pipe(items, batch_size=len(items) or 1):
        out.append(result.to_dict() if isinstance(result, Failure) else result.to_dict(include_text=True))
    return out


_WORKER: Extractor | None = None


def _worker_init(config: str | None) -> None:
    global _WORKER  # one extractor per worker process, built once when the process starts
    _WORKER = Extractor(load_settings(config))


def _worker_run(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert _WORKER is not None
    return _results(_WORKER, items)


def ingest(store: Store, inputs: Iterable[str], options: IngestOptions | None = None, extractor: Extractor | None = None,
           progress: ProgressFn | None = None, fetcher: Fetcher | None = None, settings: Settings | None = None) -> Counts:
    """Ingest every document of ``inputs`` (paths, folders, URLs, feeds, WARC files) into ``store``."""
    opts = options or IngestOptions()
    total = Counts()
    chunks = _chunks(iter(read_sources(inputs, allow_private=opts.allow_private, fetcher=fetcher)), opts.batch_size)

    def write(chunk: list[Any], new: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
        with store.batch(merge=opts.merge) as batch:
            batch.counts.skipped += len([x for x in chunk if not isinstance(x, Unreadable)]) - len(new)
            for bad in (x for x in chunk if isinstance(x, Unreadable)):
                batch.add_failure(bad.input, bad.document_id, bad.stage, bad.code, bad.message)
            for item, result in zip(new, results):
                if "failure" in result:
                    f = result["failure"]
                    batch.add_failure(item.get("input", ""), f["document_id"], f["stage"], f["code"], f["message"])
                else:
                    batch.add_record(result, item.get("input", ""))
        total.__iadd__(batch.counts)
        if progress:
            progress(total)

    def fresh(chunk: list[Any]) -> list[dict[str, Any]]:
        items = [x for x in chunk if not isinstance(x, Unreadable)]
        stored = store.stored_documents([x["id"] for x in items])
        seen: set[str] = set()
        new = []
        for item in items:
            if item["id"] not in stored and item["id"] not in seen:
                seen.add(item["id"])
                new.append(item)
        return new

    if opts.workers <= 1:
        ex = extractor or Extractor(settings or load_settings(opts.config))
        for chunk in chunks:
            new = fresh(chunk)
            write(chunk, new, _results(ex, new) if new else [])
        return total

    pending: list[tuple[list[Any], list[dict[str, Any]], Future | None]] = []
    with ProcessPoolExecutor(max_workers=opts.workers, initializer=_worker_init, initargs=(opts.config,)) as pool:
        try:
            for chunk in chunks:
                new = fresh(chunk)
                pending.append((chunk, new, pool.submit(_worker_run, new) if new else None))
                while len(pending) > opts.workers * 2 or (pending and pending[0][2] is not None and pending[0][2].done()):
                    head, head_new, future = pending.pop(0)
                    write(head, head_new, future.result() if future else [])
            while pending:
                head, head_new, future = pending.pop(0)
                write(head, head_new, future.result() if future else [])
        except BaseException:
            for _, _, future in pending:
                if future is not None:
                    future.cancel()
            raise
    return total
