"""Registry of evaluation tasks, the shared helpers they use, and :func:`run_eval`."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..errors import EvaluationError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..pipeline import Extractor


@dataclass
class EvalResult:
    dataset: str
    n: int
    metrics: dict[str, float]
    details: dict[str, Any] = field(default_factory=dict)  # counts, baselines, error samples
    data_files: dict[str, str] = field(default_factory=dict)  # file the task read -> its SHA-256

    def to_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "n": self.n, "metrics": self.metrics, "data_files": self.data_files, "details": self.details}


@dataclass
class EvalContext:
    """What a task gets: its data folder, a limit, and lazily built extraction machinery."""

    name: str
    data_dir: Path
    limit: int | None = None
    use_cache: bool = True
    progress: bool = True
    _extractors: dict[tuple[str, ...] | None, "Extractor"] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)  # names of the data files the task opened

    def file(self, filename: str) -> Path:
        path = self.data_dir / filename
        if not path.exists():
            raise EvaluationError(f"{path} not found. --data must be a folder laid out like shared/data/{self.name} (with {filename}).", "S401")
        self.read.add(filename)
        return path

    def jsonl(self, filename: str, limit: int | None = -1) -> list[dict[str, Any]]:
        """Rows of a JSON Lines file in the data folder (``limit=-1``: the context's limit)."""
        limit = self.limit if limit == -1 else limit
        rows = []
        with self.file(filename).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rows.append(json.loads(line))
                    if limit is not None and len(rows) >= limit:
                        break
        return rows

    def extractor(self, stages: Sequence[str] | None = None) -> "Extractor":
        from ..pipeline import Extractor

        key = tuple(stages) if stages is not None else None
        if key not in self._extractors:
            shared = next(iter(self._extractors.values()), None)
            self._extractors[key] = Extractor(nlp=shared.nlp if shared else None, stages=stages)
        return self._extractors[key]

    def parse(self, texts: Sequence[str], extractor: "Extractor | None" = None) -> Iterator["Doc"]:
        """spaCy Docs for ``texts``, cached on disk by content so re-runs skip the parse."""
        nlp = (extractor or self.extractor()).nlp
        cache = _cache_path(self.name, nlp, texts) if self.use_cache else None
        if cache is not None and cache.exists():
            from spacy.tokens import DocBin

            yield from DocBin().from_disk(cache).get_docs(nlp.vocab)
            return
        # parse everything, write the cache, then hand the docs out: a consumer that stops
        # pulling at the last doc (zip) would otherwise never let the cache be written
        docs = list(self.track(nlp.pipe(texts, batch_size=32), total=len(texts), what="parsing"))
        if cache is not None:
            from spacy.tokens import DocBin

            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            DocBin(store_user_data=False, docs=docs).to_disk(tmp)
            tmp.replace(cache)
        yield from docs

    def records(self, items: Sequence[dict[str, Any]], stages: Sequence[str] | None = None) -> Iterator[Any]:
        """Records for ``{text, published, ...}`` items; empty texts yield None (and count as misses)."""
        ex = self.extractor(stages)
        texts = [it.get("text") or "" for it in items]
        nonempty = [t for t in texts if t.strip()]
        docs = iter(self.parse(nonempty, ex))
        for item, text in zip(items, texts):
            if not text.strip():
                yield None
                continue
            doc = next(docs)
            yield ex.process(doc, published=item.get("published"), id=item.get("id"), title=item.get("title"))

    def track(self, iterable: Iterable[Any], total: int | None = None, what: str = "") -> Iterable[Any]:
        if not self.progress:
            return iterable
        from rich.progress import track

        return track(iterable, total=total, description=f"{self.name} {what}".strip(), transient=True)


def _cache_path(name: str, nlp: Any, texts: Sequence[str]) -> Path:
    h = hashlib.sha256(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{nlp.pipe_names}".encode())
    for t in texts:
        h.update(hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest())
    root = Path(os.environ.get("SITREPS_EVAL_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sitreps" / "eval")
    return root / f"{name}-{h.hexdigest()[:16]}.spacy"


TaskFn = Callable[[EvalContext], EvalResult]
TASKS: dict[str, TaskFn] = {}


def register(name: str) -> Callable[[TaskFn], TaskFn]:
    def deco(fn: TaskFn) -> TaskFn:
        TASKS[name] = fn
        return fn

    return deco


BROKEN: dict[str, str] = {}


def discover() -> dict[str, TaskFn]:
    """Import every task module. One that fails to import is remembered, not fatal to the others."""
    from . import tasks

    for mod in pkgutil.iter_modules(tasks.__path__):
        name = f"{tasks.__name__}.{mod.name}"
        try:
            importlib.import_module(name)
        except Exception as exc:  # a broken task must not take every other data set down with it
            BROKEN[name] = f"{type(exc).__name__}: {exc}"
    return TASKS


def run_eval(name: str, data_dir: str | Path, limit: int | None = None, use_cache: bool = True, progress: bool = True,
             full_models: bool = False) -> EvalResult:
    """Score sitreps on data set ``name``. The trained decisions are applied out of fold (each
    document gets the models fitted without it, :func:`sitreps.learn.out_of_fold`) unless
    ``full_models``: their fits saw the development data, so only out-of-fold scores are honest."""
    tasks = discover()
    if name not in tasks:
        broken = "".join(f" Task module {m} failed to import ({err})." for m, err in BROKEN.items())
        raise EvaluationError(f"no evaluation task {name!r}. Known: {', '.join(sorted(tasks))}.{broken}", "S402")
    data = Path(data_dir)
    if not data.is_dir():
        raise EvaluationError(f"{data} is not a folder. Pass --data shared/data/{name} (or a folder laid out like it).", "S403")
    ctx = EvalContext(name=name, data_dir=data, limit=limit, use_cache=use_cache, progress=progress)
    from ..learn import out_of_fold

    with out_of_fold(not full_models):  # every trained decision scored on documents it was not fitted on
        result = tasks[name](ctx)
    result.metrics = {k: round(float(v), 4) for k, v in result.metrics.items()}
    result.data_files = {f: file_sha256(data / f) for f in sorted(ctx.read)}
    return result


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
