"""``GET /v1/stats``: counts and fatalities by day, week, country, admin1, type, or map grid cell."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from ...errors import ApiError
from ...store import api_queries
from ..deps import FiltersDep, StoreDep, known_parameters
from ..models import Stats

router = APIRouter(prefix="/v1", tags=["stats"], dependencies=[Depends(known_parameters)])

#: The most cells a grid answer holds; a finer grid over a wider box asks for a lower zoom.
MAX_CELLS = 20_000


@router.get("/stats", response_model=Stats, response_model_exclude_unset=True)
def stats(store: StoreDep, query: FiltersDep,
          by: Annotated[Literal["day", "week", "country", "admin1", "type", "grid"], Query(description="How to group.")] = "day",
          of: Annotated[Literal["incidents", "events"], Query(description="Count incidents or events.")] = "incidents",
          zoom: Annotated[int | None, Query(ge=0, le=20, description="Map zoom for by=grid: cells of 360/2^(zoom+3) degrees.")] = None,
          ) -> dict[str, Any]:
    """The dashboard's timeline and map aggregates, under the same filters as the lists."""
    if zoom is not None and by != "grid":
        raise ApiError(f"zoom: only used with by=grid (you asked by={by}). Leave zoom out, or ask by=grid.", "S801", 422, "zoom")
    out: dict[str, Any] = {"by": by, "of": of, "total": api_queries.totals(store, of, query)}
    if by == "grid":
        out["zoom"] = 3 if zoom is None else zoom
        cells = api_queries.grid(store, of, query, out["zoom"], MAX_CELLS)
        if cells is None:
            raise ApiError(f"zoom: more than {MAX_CELLS:,} cells at zoom {out['zoom']}. Ask for a lower zoom or a smaller bbox.", "S801", 422, "zoom")
        out["data"] = cells
    else:
        out["data"] = api_queries.grouped(store, of, query, by)
    return out
