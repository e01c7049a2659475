"""What routes depend on: the server's settings, a store connection per request, the filters and
page parameters, the write token, and the refusal of unknown query parameters."""

from __future__ import annotations

import base64
import binascii
import hmac
import inspect
import json
import queue
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator

from fastapi import APIRouter, Depends, Query, Request

from ..errors import ApiError
from ..store import Filters, Store, api_queries, open_store
from ..store.api_queries import Key
from ..store.api_queries import Query as StoreQuery
from ..store.query import parse_bbox

#: Page sizes: the default, and the most one page may hold.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@dataclass
class ServerState:
    """Everything ``create_app`` was given, kept on ``app.state.sitreps``."""

    store_url: str
    token: str | None = None
    max_body: int = 2_000_000
    dashboard: Path | None = None
    allow_private: bool = False
    extractor_factory: Callable[[], Any] | None = None
    fetcher: Callable[[str], Any] | None = None
    _pool: "queue.LifoQueue[Store]" = field(default_factory=queue.LifoQueue)
    _extractor: Any = None
    _extractor_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def read_only(self) -> bool:
        return not self.token

    def acquire(self) -> Store:
        """A store connection for one request (one connection is never used by two at once)."""
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            return open_store(self.store_url)

    def release(self, store: Store) -> None:
        try:
            store.conn.rollback()  # PostgreSQL: end the read transaction; SQLite: nothing open, a no-op
        except Exception:
            store.close()
            return
        self._pool.put(store)

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    def extract(self, text: str, **meta: Any) -> Any:
        """Run the extractor (built on first use, then shared; one document at a time)."""
        with self._extractor_lock:
            if self._extractor is None:
                if self.extractor_factory is not None:
                    self._extractor = self.extractor_factory()
                else:
                    from ..pipeline import Extractor

                    self._extractor = Extractor()
            return self._extractor(text, **meta)


def state(request: Request) -> ServerState:
    return request.app.state.sitreps


def get_store(request: Request) -> Iterator[Store]:
    server = state(request)
    store = server.acquire()
    try:
        yield store
    finally:
        server.release(store)


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <SITREPS_API_TOKEN>``; a server without a token is read-only."""
    server = state(request)
    if server.read_only:
        raise ApiError("this server is read-only: it was started without SITREPS_API_TOKEN. Restart it with that variable set to allow writes.",
                       "S808", 403)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError("writing needs the header 'Authorization: Bearer <token>' with the server's SITREPS_API_TOKEN.", "S807", 401)
    if not hmac.compare_digest(given.strip().encode(), (server.token or "").encode()):
        raise ApiError("the bearer token is wrong. Use the value of SITREPS_API_TOKEN the server was started with.", "S807", 401)


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def known_parameters(request: Request) -> None:
    """Refuse a query parameter the endpoint does not take, so a misspelt filter is not silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no query parameters"
        raise ApiError(f"unknown query parameter {unknown[0]!r}. {request.url.path} takes: {takes}.", "S802", 400, unknown[0])


def query_filters(
    since: Annotated[date | None, Query(description="On or after this day (ISO, e.g. 2024-06-01).")] = None,
    until: Annotated[date | None, Query(description="On or before this day (ISO).")] = None,
    country: Annotated[str | None, Query(max_length=100, description="ISO code or name (UA, Ukraine).")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level region as stored, any case.")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")] = None,
    type: Annotated[str | None, Query(max_length=100, description="PLOVER type, ACLED event type or sub-event type.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="An actor's name contains this (any case).")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, description="At least this many killed (incidents: the best figure).")] = None,
    search: Annotated[str | None, Query(max_length=500, description="Full-text search; every word must match.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Events at least this confident; incidents with one such report.")] = None,
) -> StoreQuery:
    if search is not None and not re.search(r"\w", search):
        raise ApiError(f"search {search[:50]!r} has no words to look for. Give one or more words; every one must match.", "S522", 400, "search")
    if since and until and since > until:
        raise ApiError(f"since ({since}) is after until ({until}): give since <= until.", "S801", 422, "since")
    filters = Filters(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                      country=country or None, admin1=admin1 or None, bbox=parse_bbox(bbox) if bbox else None, type=type or None,
                      actor=actor or None, min_fatalities=min_fatalities, search=search or None)
    return StoreQuery(filters, min_confidence)


@dataclass(frozen=True)
class Page:
    limit: int
    after: Key | None


def _cursor_error() -> ApiError:
    return ApiError("cursor: not a cursor this API gave out. Pass next_cursor from the previous answer unchanged, or leave cursor out "
                    "to start from the first page.", "S803", 400, "cursor")


def encode_cursor(kind: str, key: Key | None) -> str | None:
    if key is None:
        return None
    raw = json.dumps({"v": 1, "k": kind, "d": key[0], "i": key[1]}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> Key:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _cursor_error() from None
    if (not isinstance(data, dict) or data.get("v") != 1 or data.get("k") != kind or not isinstance(data.get("i"), str)
            or not isinstance(data.get("d"), (str, type(None)))):
        raise _cursor_error()
    return data["d"], data["i"]


def page(kind: str) -> Callable[..., Page]:
    def dependency(
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many items (1-{MAX_LIMIT}).")] = DEFAULT_LIMIT,
        cursor: Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page.")] = None,
    ) -> Page:
        return Page(limit, decode_cursor(kind, cursor) if cursor else None)

    return dependency


def listing(kind: str, fetch: Callable[..., tuple[list[dict[str, Any]], Key | None]], store: Store, query: StoreQuery,
            paging: Page) -> dict[str, Any]:
    """One page of ``kind`` as the API answers it: ``{data, count, next_cursor}``."""
    items, next_key = fetch(store, query, paging.limit, paging.after)
    return {"data": items, "count": len(items), "next_cursor": encode_cursor(kind, next_key)}


def not_found(kind: str, key: str, hint: str) -> ApiError:
    return ApiError(f"no {kind} with id {key!r}. {hint}", "S804", 404, f"{kind}_id")


StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[StoreQuery, Depends(query_filters)]


def collection(kind: str, item: str, models: tuple[type, type], docs: tuple[str, str], hint: str) -> APIRouter:
    """The router of one stored collection: ``GET /v1/<kind>`` (filtered, paged; ``list_<kind>``,
    answered by ``store.api_queries.<kind>_page``) and ``GET /v1/<kind>/{<item>_id}`` (one, by
    ``store.api_queries.<item>``, or a 404 that ends with ``hint``; ``get_<item>``). ``models`` and
    ``docs`` are the list's and the item's response model and description. The queries are looked
    up when a request comes, as a route that names them does."""
    router = APIRouter(prefix=f"/v1/{kind}", tags=[kind], dependencies=[Depends(known_parameters)])

    def list_items(store: Store, query: StoreQuery, paging: Page) -> dict[str, Any]:
        return listing(kind, getattr(api_queries, f"{kind}_page"), store, query, paging)

    def get_item(store: Store, **ids: str) -> dict[str, Any]:
        key = ids[f"{item}_id"]
        found = getattr(api_queries, item)(store, key)
        if found is None:
            raise not_found(item, key, hint)
        return found

    # signatures written out, as FastAPI reads them: the page depends on this kind, and the path
    # parameter keeps the resource's own name (event_id, incident_id) in the schema
    arg = inspect.Parameter
    list_items.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        arg("store", arg.POSITIONAL_OR_KEYWORD, annotation=StoreDep),
        arg("query", arg.POSITIONAL_OR_KEYWORD, annotation=FiltersDep),
        arg("paging", arg.POSITIONAL_OR_KEYWORD, annotation=Annotated[Page, Depends(page(kind))]),
    ])
    get_item.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        arg(f"{item}_id", arg.KEYWORD_ONLY, annotation=str),
        arg("store", arg.KEYWORD_ONLY, annotation=StoreDep),
    ])
    list_items.__doc__, get_item.__doc__ = docs
    router.add_api_route("", list_items, methods=["GET"], response_model=models[0], name=f"list_{kind}")
    router.add_api_route(f"/{{{item}_id:path}}", get_item, methods=["GET"], response_model=models[1], name=f"get_{item}")
    return router
