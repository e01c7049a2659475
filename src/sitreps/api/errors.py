"""The API's one error shape, ``{"error": {"status", "code", "message", "field"}}``, and the
handlers that turn every failure into it: never a stack trace, never HTML."""

from __future__ import annotations

import logging
from typing import Any, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ApiError, ConfigError, GazetteerError, SitrepsError, SourceError, StoreError

log = logging.getLogger("sitreps.api")

#: Store codes that mean "your parameter is wrong", and the parameter.
STORE_FIELDS = {"S520": "country", "S521": "bbox", "S522": "search"}
#: Source codes that mean "this URL is refused" rather than "it could not be fetched".
REFUSED_URLS = ("S602", "S603")


def body(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "field": field}}


def error_response(status: int, code: str, message: str, field: str | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(body(status, code, message, field), status_code=status, headers=headers)


def _message(exc: SitrepsError) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


def status_of(exc: SitrepsError) -> int:
    """The HTTP status of a sitreps error that reaches the API."""
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, StoreError):
        return 400 if exc.code in STORE_FIELDS else 503
    if isinstance(exc, SourceError):
        return 422 if exc.code in REFUSED_URLS else 502
    if isinstance(exc, (ConfigError, GazetteerError)):
        return 503
    return 422  # input that cannot be read or extracted, a stage that failed on it


def validation_message(errors: Sequence[dict[str, Any]]) -> tuple[str, str | None]:
    """One sentence naming the field, what is wrong and what was given, from pydantic's errors."""
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "body", "path", "header")]
    field = ".".join(loc) or None
    given = first.get("input")
    shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    msg = first.get("msg", "invalid value")
    if first.get("type") == "missing":
        return f"{field}: this field is required. See docs/api.md or /docs for what to send.", field
    if first.get("type") == "extra_forbidden":
        return f"{field}: unknown field. See docs/api.md or /docs for the fields this takes.", field
    more = f" ({len(errors) - 1} more problem(s) after this one)" if len(errors) > 1 else ""
    return f"{field or 'request'}: {msg} (you gave {shown}).{more}", field


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(SitrepsError)
    async def sitreps_error(request: Request, exc: SitrepsError) -> JSONResponse:
        field = exc.field if isinstance(exc, ApiError) else STORE_FIELDS.get(exc.code)
        status = status_of(exc)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        message = _message(exc)
        if exc.code in STORE_FIELDS:  # the store's messages name CLI options (--bbox); here they are query parameters
            message = message.replace("--", "")
        return error_response(status, exc.code, message, field)

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if errors and errors[0].get("type") == "json_invalid":
            return error_response(400, "S805", "the body is not valid JSON. Send one JSON object.", None)
        message, field = validation_message(errors)
        return error_response(422, "S801", message, field)

    @app.exception_handler(ValidationError)
    async def body_invalid(request: Request, exc: ValidationError) -> JSONResponse:
        message, field = validation_message(list(exc.errors()))
        return error_response(422, "S801", message, field)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(404, "S804", f"no such path: {request.url.path}. The endpoints are listed at /docs and in docs/api.md.")
        if exc.status_code == 405:
            return error_response(405, "S809", f"{request.method} is not taken by {request.url.path}. The endpoints and their methods are at /docs.",
                                  headers={"Allow": exc.headers.get("Allow", "")} if exc.headers else None)
        return error_response(exc.status_code, "S800", str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "S899", "internal error: the server could not answer this request. Its log has the details.")
