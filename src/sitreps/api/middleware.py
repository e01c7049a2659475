"""Plain ASGI middleware: a cap on request bodies, and security headers on every answer."""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from ..errors import ApiError
from .errors import body

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Sent with every answer: no MIME sniffing (a JSON string is never run as HTML), no framing, no referrer.
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]
#: Sent with everything but the OpenAPI pages: only the server's own scripts run, never inline ones.
CSP = (b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       b"worker-src 'self' blob:; child-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
       b"base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
#: The OpenAPI page: FastAPI draws it with an inline script that starts Swagger UI.
DOC_PATHS = ("/docs",)


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    payload = json.dumps(body(status, code, message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes: at once when Content-Length says so, else
    as soon as more has arrived (an :class:`ApiError` the error handlers answer with 413)."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    def _too_large(self) -> str:
        return f"the body is larger than this server's limit of {self.max_body:,} bytes. Send a shorter document (or start the server with a larger --max-body)."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await send_error(send, 400, "S801", "the Content-Length header is not a number.")
                return
            if size > self.max_body:
                await send_error(send, 413, "S806", self._too_large())
                return
        seen = 0

        async def limited() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise ApiError(self._too_large(), "S806", 413)
            return message

        await self.app(scope, limited, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(SECURITY_HEADERS)
        if scope.get("path") not in DOC_PATHS:
            extra.append((b"content-security-policy", CSP))

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": list(message.get("headers", [])) + [h for h in extra if h[0] not in present]}
            await send(message)

        await self.app(scope, receive, with_headers)
