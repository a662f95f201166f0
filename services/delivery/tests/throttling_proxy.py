"""An HTTP proxy in front of moto that answers some sends as SES v2 does when throttling."""

import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
from aiohttp import web

from chassis.testing.processes import free_port

SEND_PATH = "/v2/email/outbound-emails"
THROTTLED_BODY = json.dumps({"message": "Maximum sending rate exceeded."})


class ThrottlingProxy:
    """Forwards everything to ``upstream``; refuses every ``every``-th send with HTTP 429
    ``TooManyRequestsException``, counting the refusals."""

    def __init__(self, upstream: str, *, every: int) -> None:
        self.upstream = upstream
        self.every = every
        self.throttled = 0
        self.forwarded_sends = 0
        self._sends = itertools.count(1)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        if (
            request.method == "POST"
            and request.path == SEND_PATH
            and next(self._sends) % self.every == 0
        ):
            self.throttled += 1
            return web.Response(
                status=429,
                body=THROTTLED_BODY,
                content_type="application/json",
                headers={"x-amzn-ErrorType": "TooManyRequestsException"},
            )
        if request.path == SEND_PATH:
            self.forwarded_sends += 1
        headers = {
            k: v for k, v in request.headers.items() if k.lower() not in {"host", "content-length"}
        }
        async with self.session.request(
            request.method, self.upstream + request.path_qs, data=body, headers=headers
        ) as answer:
            payload = await answer.read()
            passed = {
                k: v
                for k, v in answer.headers.items()
                if k.lower()
                not in {"content-length", "transfer-encoding", "content-encoding", "connection"}
            }
            return web.Response(status=answer.status, body=payload, headers=passed)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[str]:
        self.session = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        port = free_port()
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            await runner.cleanup()
            await self.session.close()
