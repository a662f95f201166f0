"""ASGI middleware: correlation id and trace in, one access-log line and metrics out."""

import time

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chassis import correlation
from chassis.logs import get_logger
from chassis.metrics import HTTP_REQUEST_SECONDS, HTTP_REQUESTS

_log = get_logger("soket.http")

_QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, *, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        correlation_id = correlation.accepted_correlation_id(
            headers.get(correlation.CORRELATION_HEADER)
        )
        structlog.contextvars.clear_contextvars()
        correlation.bind(
            correlation_id=correlation_id,
            traceparent=correlation.child_traceparent(headers.get(correlation.TRACEPARENT_HEADER)),
        )
        status = 500
        started = time.perf_counter()

        async def send_with_context(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[correlation.CORRELATION_HEADER] = correlation_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_context)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            method = scope["method"]
            HTTP_REQUESTS.labels(self.service, method, route, str(status)).inc()
            HTTP_REQUEST_SECONDS.labels(self.service, method, route).observe(elapsed)
            if scope["path"] not in _QUIET_PATHS:
                _log.info(
                    "request handled",
                    method=method,
                    route=route,
                    status=status,
                    duration_ms=round(elapsed * 1000, 2),
                )
