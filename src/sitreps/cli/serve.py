"""``sitreps serve``: the HTTP API and the dashboard over a store, run by uvicorn."""

from __future__ import annotations

import ipaddress
import json
import os

import click

from .query import db_option


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--max-body", type=click.IntRange(1_000, 100_000_000), default=2_000_000, show_default=True,
              help="Largest request body accepted, in bytes (larger: 413).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow browsers on this origin (e.g. https://maps.example.org) to call the API; repeatable. CORS is off without it.")
@click.option("--allow-private", is_flag=True, help="Let POST /v1/documents fetch URLs on private, loopback or link-local addresses.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each with its own store connections); more than one uses more cores.")
def serve_cmd(db: str, host: str, port: int, max_body: int, cors_origins: tuple[str, ...], allow_private: bool, workers: int) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the dashboard (at /) over the store --db.

    Writes (POST /v1/documents) need the bearer token in the environment variable
    SITREPS_API_TOKEN; without it the server is read-only. Stop it with Ctrl-C."""
    import uvicorn

    from ..api import create_app
    from ..api.app import dashboard_built

    from ..api.app import OPTIONS_ENV
    from ..store import redact
    from .query import open_for_reading

    open_for_reading(db).close()  # a SQLite path that does not exist is a mistake, not a new empty store
    token = os.environ.get("SITREPS_API_TOKEN") or None
    options = {"max_body": max_body, "cors_origins": list(cors_origins), "allow_private": allow_private}
    app = create_app(db, token, **options)  # opens and checks the store now, in this process
    server = app.state.sitreps
    click.echo(f"sitreps serve: store {redact(db)}", err=True)
    if token:
        click.echo("writes: POST /v1/documents needs 'Authorization: Bearer $SITREPS_API_TOKEN'", err=True)
    else:
        click.echo("read-only: SITREPS_API_TOKEN is not set, so POST /v1/documents answers 403. Set it to allow writes.", err=True)
    if not dashboard_built(server.dashboard):
        click.echo("dashboard: not built, / says so. Build it with the README's set-up command; the API works without it.", err=True)
    if not _loopback(host):
        click.echo(f"warning: listening on {host}, reachable from other machines. Put it behind TLS if the token is set.", err=True)
    click.echo(f"listening on http://{host}:{port}/ (API reference at /docs)" + (f", {workers} processes" if workers > 1 else ""), err=True)
    common = {"host": host, "port": port, "log_level": "warning", "server_header": False, "proxy_headers": False}
    if workers == 1:
        uvicorn.run(app, **common)
        return
    os.environ[OPTIONS_ENV] = json.dumps({"store_url": db, **options})
    uvicorn.run("sitreps.api.app:from_environment", factory=True, workers=workers, **common)
