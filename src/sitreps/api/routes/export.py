"""``GET /v1/export``: the files of ``sitreps events|incidents --format …``, filtered."""

from __future__ import annotations

import os
import tempfile
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ... import export
from ...store import api_queries
from ..deps import FiltersDep, StoreDep, known_parameters

router = APIRouter(prefix="/v1", tags=["export"], dependencies=[Depends(known_parameters)])

MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "acled-csv": "text/csv; charset=utf-8",
         "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}
SUFFIX = {"jsonl": "jsonl", "csv": "csv", "acled-csv": "csv", "geojson": "geojson", "parquet": "parquet"}


@router.get("/export", response_class=FileResponse,
            responses={200: {"description": "The file.", "content": {m.split(";")[0]: {} for m in MEDIA.values()}}})
def export_file(store: StoreDep, query: FiltersDep,
                kind: Annotated[Literal["events", "incidents"], Query(description="What to export.")] = "events",
                format: Annotated[Literal["jsonl", "csv", "acled-csv", "geojson", "parquet"], Query(description="File format.")] = "jsonl",
                limit: Annotated[int | None, Query(ge=1, le=1_000_000, description="At most this many (default: all).")] = None,
                ) -> FileResponse:
    """Every event or incident that matches, as one file (written to a temporary file, then sent and removed)."""
    items = api_queries.iterate(store, kind, query, limit)
    fd, path = tempfile.mkstemp(prefix="sitreps-export-", suffix="." + SUFFIX[format])
    try:
        if format in export.BINARY:
            os.close(fd)
            export.write(items, kind, format, path=path)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                export.write(items, kind, format, out=handle)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=MEDIA[format], filename=f"sitreps-{kind}.{SUFFIX[format]}", background=BackgroundTask(os.unlink, path))
