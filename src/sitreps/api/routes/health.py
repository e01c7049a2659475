"""``GET /healthz``: the server is up, which store it reads, whether it takes writes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ...version import __version__
from ..deps import StoreDep, known_parameters, state
from ..models import Health

router = APIRouter(tags=["health"], dependencies=[Depends(known_parameters)])


@router.get("/healthz", response_model=Health)
def healthz(request: Request, store: StoreDep) -> Health:
    server = state(request)
    store.scalar("SELECT 1")  # the store answers
    return Health(status="ok", version=__version__, store=store.dialect, read_only=server.read_only,
                  dashboard=bool(server.dashboard and (server.dashboard / "index.html").is_file()))
