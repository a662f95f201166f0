"""An ASGI app served over real HTTP on a free local port, for tests that need a socket."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.types import ASGIApp

from chassis.testing.processes import free_port
from chassis.testing.waiting import eventually


@asynccontextmanager
async def serving(app: ASGIApp) -> AsyncIterator[str]:
    """Serves ``app`` (its lifespan included) while the block runs; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="on")
    )
    task = asyncio.create_task(server.serve())

    async def started() -> bool:
        await asyncio.sleep(0.02)
        return server.started

    try:
        await eventually(started, bool, within=20, what="the app is served")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
