"""Run extraction over partitions on a Dask cluster and write Parquet output.

    summary = run(["cc-news/"], "out/", workers=2)                  # a LocalCluster
    summary = run(["cc-news/"], "out/", scheduler="tcp://host:8786")  # an existing cluster

Each worker builds one :class:`~sitreps.pipeline.Extractor` (the spaCy model and the gazetteer),
held by :class:`ExtractorPlugin` for the worker's life: all workers build theirs in parallel when
a run starts, and a worker the cluster restarts builds its own on its first partition. A task extracts one partition and returns its
three tables; the client writes them (:class:`~sitreps.batch.shards.Output`), so the output
folder needs to be visible to the client only, and the manifest has one writer.

A task the cluster loses (its worker died, e.g. killed for exceeding its memory limit) is
rescheduled by Dask; one that fails anyway (``retries``, then Dask's ``allowed-failures``) is split
into one task per document, so a single document that kills its worker becomes one failure row
and the rest of its partition is still extracted. A document whose worker died under it runs
again alone (one such task at a time), so it does not die again beside the one at fault. Partitions with such failures are written but
left out of the manifest, so a rerun tries them again. A cluster left with no worker at all ends the
run (S712) after ``worker_wait`` seconds rather than leaving it waiting for ever.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

import pyarrow as pa
from distributed import WorkerPlugin

from ..errors import BatchError, SitrepsError
from ..record import text_id
from . import schema
from .shards import Output, Partition, plan

if TYPE_CHECKING:
    from distributed import Client

PLUGIN = "sitreps-extractor"
#: failure codes of documents the cluster could not process; their partitions are retried on a rerun
LOST = ("S704", "S705")
#: the local cluster's lost-worker-timeout: its nannies restart their workers, it never closes them
NEVER = "3650 days"
#: seconds a run waits for a cluster with no worker before it stops (S712); an adaptive cluster may start from none
WORKER_WAIT = 300.0


class ExtractorPlugin(WorkerPlugin):
    """Holds one extractor per worker process, built on its first partition.

    Partitions on one worker run one at a time through it (a lock), so a worker started with
    several threads is still correct; one thread per worker process is what uses the cores.
    """

    name = PLUGIN

    def __init__(self, config: str | None = None):
        self.config = config
        self._extractor: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"])  # type: ignore[misc]

    def teardown(self, worker: Any = None) -> None:
        self._extractor = None

    def _build(self) -> Any:
        if self._extractor is None:
            from ..pipeline import Extractor
            from ..settings import load_settings

            self._extractor = Extractor(load_settings(self.config))
        return self._extractor

    def warm(self) -> None:
        with self._lock:
            self._build()

    def extract(self, part: Partition, include_text: bool) -> dict[str, pa.Table]:
        with self._lock:
            return extract_items(self._build(), part, include_text)


def _warm(dask_worker: Any) -> None:
    """Build the extractor on a worker now (``client.run``), so that the run's rate leaves model loading out."""
    dask_worker.plugins[PLUGIN].warm()


def extract_partition(part: Partition, include_text: bool = True) -> dict[str, pa.Table]:
    """The task: one partition (or slice) in, its documents, events and failures tables out."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN)
    if plugin is None:
        raise BatchError("this worker has no sitreps extractor plugin. Run batches through sitreps.batch.dask.run.", "S709")
    return plugin.extract(part, include_text)  # type: ignore[attr-defined]


def extract_items(extractor: Any, part: Partition, include_text: bool) -> dict[str, pa.Table]:
    """Extract a partition's documents with ``extractor``; unreadable inputs and failing documents become failure rows."""
    from ..pipeline import Failure

    docs: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    good = []
    for item in part.items():
        exc = item.get("error")
        if exc is not None:
            failures.append(schema.failure_row(item["input"], part.id, None, "input", exc.code, str(exc)))
        else:
            good.append(item)
    for item, result in zip(good, extractor.pipe(good)):
        if isinstance(result, Failure):
            failures.append(schema.failure_row(item["input"], part.id, result.document_id, result.stage, result.code, result.message))
            continue
        row, evs = schema.record_rows(result, part.id, item["input"], include_text)
        docs.append(row)
        events.extend(evs)
    return {"documents": schema.table("documents", docs), "events": schema.table("events", events),
            "failures": schema.table("failures", failures)}


# -- the client side -------------------------------------------------------------------------------
@dataclass
class PartitionResult:
    id: str
    label: str
    documents: int
    events: int
    failures: int
    final: bool
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (input, code, message) of each failure row


@dataclass
class Summary:
    partitions: int = 0
    skipped: int = 0  # finished by an earlier run
    documents: int = 0
    events: int = 0
    failures: int = 0
    seconds: float = 0.0
    dashboard: str | None = None
    results: list[PartitionResult] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return (self.documents + self.failures) / self.seconds if self.seconds else 0.0


class Reporter:
    """What a caller hears of a run; the CLI draws a progress bar from it. Library code never prints."""

    def start(self, total_documents: int, partitions: int, skipped: int, dashboard: str | None) -> None:
        pass

    def partition(self, result: PartitionResult) -> None:
        pass


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None, memory_limit: str | None = "auto") -> Iterator["Client"]:
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded worker processes (default: one per core), each with ``memory_limit``."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc}). Is it running? Check the address and port (default 8786).", "S707") from exc
        try:
            yield client
        finally:
            client.close()
        return
    # A task may see one worker die before it counts as failed, so a document that kills its
    # worker is isolated quickly; and a worker holds one task at a time (saturation 1.0 with one
    # thread), so a dying worker takes no innocent queued task down with it.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 1.0}):
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                               dashboard_address=":0", silence_logs=50)  # a free port: other clusters may run beside it
    client = Client(cluster)
    try:
        # The cluster closes a worker's nanny for good when, lost-worker-timeout after the worker
        # left, no worker of its name is back. A document that kills its worker on every try makes
        # that check land, sooner or later, while the nanny is restarting it, and the worker is lost
        # (both, one run in a dozen, in the tests). Our nannies restart their own workers, so the
        # cluster is told not to close them while it runs (the setting is read when a worker leaves).
        with dask.config.set({"distributed.deploy.lost-worker-timeout": NEVER}):
            yield client
    finally:
        client.close()
        cluster.close()


def dashboard_of(client: "Client") -> str | None:
    try:
        if client.scheduler_info().get("services", {}).get("dashboard"):
            return client.dashboard_link
    except (OSError, KeyError, AttributeError, TypeError):  # a scheduler that does not say: no address to show
        return None
    return None


def _lost_row(part: Partition, exc: BaseException) -> dict[str, Any]:
    """The failure row of a one-document slice the cluster could not process."""
    where, doc_id = part.label, None
    try:
        item = next(part.items())
        where = item.get("input", where)
        doc_id = item.get("id") or (text_id(item["text"]) if isinstance(item.get("text"), str) else None)
    except (StopIteration, SitrepsError, OSError):
        pass
    if type(exc).__name__ == "KilledWorker":
        code, msg = "S704", ("its worker died on every try (out of memory, or a crash). Raise --memory-limit, "
                             "or split the document; a rerun into the same --out tries it again.")
    else:
        code, msg = "S705", f"it failed on every retry ({type(exc).__name__}: {exc}). A rerun into the same --out tries it again."
    return schema.failure_row(where, part.id, doc_id, "batch", code, f"[{code}] {where}: {msg}")


class _Pending:
    """The slices of one partition still out, and the tables of those back."""

    def __init__(self, part: Partition):
        self.part = part
        self.out = 0
        self.tables: list[tuple[int, dict[str, pa.Table]]] = []


def run(paths: list[str], out: str, *, scheduler: str | None = None, workers: int | None = None, client: "Client | None" = None,
        partition_size: int = 200, config: str | None = None, include_text: bool = True, memory_limit: str | None = "auto",
        retries: int = 1, reporter: Reporter | None = None, worker_wait: float = WORKER_WAIT) -> Summary:
    """Extract every document of ``paths`` into the batch output folder ``out``.

    ``client`` uses an existing Dask client; otherwise ``scheduler`` names one to connect to, or a
    LocalCluster of ``workers`` processes is started and stopped. Returns what was done. A cluster
    left with no worker for ``worker_wait`` seconds ends the run with a :class:`BatchError` (S712);
    the partitions written until then are kept, and a rerun goes on from them.
    """
    reporter = reporter or Reporter()
    parts = plan(paths, partition_size)
    output = Output(out)
    output.check(parts)
    output.clean()
    done = output.finished()
    todo = [p for p in parts if p.id not in done]
    summary = Summary(partitions=len(parts), skipped=len(parts) - len(todo))
    if not todo:
        reporter.start(0, 0, summary.skipped, None)
        return summary
    if client is None:
        with connect(scheduler, workers, memory_limit) as own:
            return _run(own, todo, output, summary, config, include_text, retries, reporter, worker_wait)
    return _run(client, todo, output, summary, config, include_text, retries, reporter, worker_wait)


#: how many more times a single document is tried after its worker died before it is called lost
LOST_WORKER_ATTEMPTS = 2


def _run(client: "Client", todo: list[Partition], output: Output, summary: Summary, config: str | None,
         include_text: bool, retries: int, reporter: Reporter, worker_wait: float = WORKER_WAIT) -> Summary:
    from distributed import as_completed

    client.register_plugin(ExtractorPlugin(config), name=PLUGIN)  # type: ignore[arg-type]
    summary.dashboard = dashboard_of(client)
    client.run(_warm)  # every worker loads the model once, in parallel, before the clock starts
    reporter.start(sum(p.count for p in todo), len(todo), summary.skipped, summary.dashboard)
    started = time.perf_counter()
    slices: dict[Any, tuple[_Pending, int, Partition, int]] = {}
    queue = as_completed()
    # documents whose worker died under them, waiting to run again one at a time: queued beside the
    # document that kills its worker, an innocent one would die with it on every try
    again: deque[tuple[_Pending, int, Partition, int]] = deque()
    alone: set[Any] = set()

    def submit(pending: _Pending, lo: int, piece: Partition, attempt: int = 0, counted: bool = False) -> Any:
        fut = client.submit(extract_partition, piece, include_text, retries=retries, pure=False)
        slices[fut] = (pending, lo, piece, attempt)
        if not counted:
            pending.out += 1
        queue.add(fut)
        return fut

    def next_alone() -> None:
        if again and not alone:
            alone.add(submit(*again.popleft(), counted=True))

    for part in todo:
        submit(_Pending(part), 0, part)
    try:
        for fut in _completed(client, queue, worker_wait):
            pending, lo, piece, attempt = slices.pop(fut)
            pending.out -= 1
            alone.discard(fut)
            status, result = fut.status, None
            if status == "finished":
                try:
                    result = fut.result()
                except Exception:  # noqa: BLE001 - its result was lost with its worker after it finished
                    status = "lost"
            if result is not None:
                pending.tables.append((lo, result))
            elif status != "error" and attempt < LOST_WORKER_ATTEMPTS:
                # done, but its result was held by a worker that another task killed before it was
                # gathered ("lost"): it did nothing wrong, and runs again alone
                pending.out += 1
                again.append((pending, lo, piece, attempt + 1))
            elif piece.count > 1:  # isolate the document(s) at fault: one task each
                for i in range(piece.count):
                    submit(pending, lo + i, piece.slice(i, i + 1))
            elif status == "error" and type(fut.exception()).__name__ == "KilledWorker" and attempt < LOST_WORKER_ATTEMPTS:
                # an innocent document queued on a worker that another document killed dies with it:
                # it gets another go, alone, before it is called lost (the guilty one kills its worker every time)
                pending.out += 1
                again.append((pending, lo, piece, attempt + 1))
            else:
                exc = fut.exception() if status == "error" else None
                row = _lost_row(piece, exc or RuntimeError("its result was lost with the worker that held it"))
                pending.tables.append((lo, {"failures": schema.table("failures", [row])}))
            next_alone()
            fut.release()
            if pending.out == 0:
                summary.results.append(_finish(output, pending))
                result = summary.results[-1]
                summary.documents += result.documents
                summary.events += result.events
                summary.failures += result.failures
                reporter.partition(result)
    except BatchError:  # the cluster lost every worker: what is still out is dropped, what was written is kept
        client.cancel(list(slices))
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _completed(client: "Client", queue: Any, worker_wait: float, poll: float = 0.1) -> Iterator[Any]:
    """The tasks of ``queue`` (an ``as_completed``) as they finish, like iterating it; but when the
    cluster has had no worker for ``worker_wait`` seconds, a :class:`BatchError` (S712) instead of a
    wait for ever. Tasks may be added to ``queue`` between two steps."""
    since: float | None = None  # when the cluster was last seen without a worker
    checked = 0.0
    while not queue.is_empty():
        if queue.has_ready():
            since = None
            yield next(queue)
            continue
        now = time.monotonic()
        if now - checked >= 1.0:
            checked = now
            if client.nthreads():
                since = None
            elif since is None:
                since = now
            elif now - since >= worker_wait:
                raise BatchError(f"the cluster has had no worker for {worker_wait:.0f} s, so the run stopped. The partitions written "
                                 "so far are kept: start workers (or read the scheduler's log for why they died), then rerun into "
                                 "the same --out, which skips them.", "S712")
        time.sleep(poll)


def _finish(output: Output, pending: _Pending) -> PartitionResult:
    merged: dict[str, pa.Table] = {}
    for kind in schema.TABLES:
        parts = [tables[kind] for _, tables in sorted(pending.tables, key=lambda x: x[0]) if kind in tables]
        merged[kind] = pa.concat_tables(parts) if parts else schema.TABLES[kind].empty_table()
    failed = [(r["input"], r["code"], r["message"]) for r in merged["failures"].select(["input", "code", "message"]).to_pylist()]
    final = not any(code in LOST for _, code, _ in failed)
    output.write(pending.part, merged, final=final)
    return PartitionResult(pending.part.id, pending.part.label, merged["documents"].num_rows, merged["events"].num_rows,
                           merged["failures"].num_rows, final, failed)
