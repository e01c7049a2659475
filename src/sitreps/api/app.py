"""``create_app``: the FastAPI application of ``sitreps serve``."""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterable

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware

from ..version import __version__
from ..store import api_queries
from . import errors
from .deps import ServerState
from .middleware import BodyLimit, SecurityHeaders
from .models import ErrorOut
from .routes import documents, events, export, health, incidents, stats

#: Where the dashboard's build puts its files (not committed; see the README's set-up command).
DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard" / "static"
DEFAULT_MAX_BODY = 2_000_000

NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sitreps: dashboard not built</title></head>
<body><h1>The dashboard is not built</h1>
<p>This server has no dashboard files in <code>sitreps/dashboard/static/</code>. Build them with the set-up command in the
README (npm install from the lockfile, then the bundler), and restart <code>sitreps serve</code>.</p>
<p>The API works without it: see <a href="/docs">/docs</a> and <code>/healthz</code>.</p></body></html>"""


def _reference(app: FastAPI) -> None:
    """The OpenAPI reference at /docs, with Swagger UI's files served from the package (no CDN)."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs/static", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def reference() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sitreps API", swagger_js_url="/docs/static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs/static/swagger-ui.css", swagger_favicon_url="/docs/static/favicon-32x32.png")


def dashboard_built(folder: Path | None) -> bool:
    return bool(folder and (folder / "index.html").is_file())


#: How `sitreps serve --workers N` hands its options to the worker processes (the token stays in SITREPS_API_TOKEN).
OPTIONS_ENV = "SITREPS_SERVE_OPTIONS"


def from_environment() -> FastAPI:
    """The app of one uvicorn worker process, built from the options ``sitreps serve`` put in the environment."""
    options = json.loads(os.environ[OPTIONS_ENV])
    return create_app(options.pop("store_url"), os.environ.get("SITREPS_API_TOKEN"), **options)


def create_app(store_url: str, token: str | None = None, *, max_body: int = DEFAULT_MAX_BODY, cors_origins: Iterable[str] = (),
               dashboard: Path | None = DASHBOARD, allow_private: bool = False, extractor_factory: Callable[[], Any] | None = None,
               fetcher: Callable[[str], Any] | None = None) -> FastAPI:
    """The API over the store at ``store_url``. Without ``token`` it is read-only; with it, writes need
    ``Authorization: Bearer <token>``. ``cors_origins`` turns CORS on for those origins only. The store
    is opened (and migrated) here, so a wrong ``store_url`` fails now rather than on the first request."""
    server = ServerState(store_url, token or None, max_body, dashboard, allow_private, extractor_factory, fetcher)
    store = server.acquire()
    api_queries.analyze(store)
    server.release(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        server.close()

    app = FastAPI(title="sitreps", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Conflict events and incidents extracted from news, with their evidence. See docs/api.md.",
                  responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}})
    app.state.sitreps = server
    errors.install(app)
    for module in (health, events, incidents, stats, export, documents):
        app.include_router(module.router)
    _reference(app)
    if dashboard_built(dashboard):
        app.mount("/", StaticFiles(directory=str(dashboard), html=True), name="dashboard")
    else:
        @app.get("/", include_in_schema=False)
        def not_built() -> HTMLResponse:
            return HTMLResponse(NOT_BUILT, status_code=503)
    origins = list(cors_origins)
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    return app
