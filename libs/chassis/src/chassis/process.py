"""Running a long-lived process (worker, relay, scheduler) with probes and graceful stop.

The process serves ``/healthz``, ``/readyz`` and ``/metrics`` on its probe port, stops on
SIGTERM or SIGINT by setting an event its main coroutine watches, and exits once that
coroutine has finished what it holds.
"""

import asyncio
import contextlib
import signal
import socket
from collections.abc import Awaitable, Callable, Iterator, Mapping

import uvicorn
from fastapi import FastAPI

from chassis.health import ReadinessCheck, health_router
from chassis.logs import configure_logging, get_logger
from chassis.metrics import metrics_router
from chassis.settings import ServiceSettings

MainLoop = Callable[[asyncio.Event], Awaitable[None]]

_log = get_logger("soket.process")


class _ProbeServer(uvicorn.Server):
    """uvicorn without its own signal handling: the process owns SIGTERM."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def probe_app(checks: Mapping[str, ReadinessCheck]) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(health_router(checks))
    app.include_router(metrics_router)
    return app


def bind_probe_socket(host: str, port: int) -> socket.socket:
    """Binds before anything starts, so a taken port stops the process at once and clearly."""
    probe_socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    probe_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe_socket.bind((host, port))
    except OSError:
        probe_socket.close()
        raise
    return probe_socket


async def serve_process(
    *,
    main: MainLoop,
    checks: Mapping[str, ReadinessCheck],
    probe_socket: socket.socket,
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    probes = _ProbeServer(
        uvicorn.Config(probe_app(checks), log_config=None, access_log=False, lifespan="off")
    )
    probe_task = asyncio.create_task(probes.serve(sockets=[probe_socket]), name="probes")
    probe_task.add_done_callback(lambda _task: stop.set())  # e.g. the probe port is taken
    _log.info("process started", probe_port=probe_socket.getsockname()[1])
    try:
        await main(stop)
    finally:
        probes.should_exit = True
        await probe_task
        _log.info("process stopped")


def run_process(
    *,
    settings: ServiceSettings,
    process: str,
    main: MainLoop,
    checks: Mapping[str, ReadinessCheck],
) -> None:
    """The body of ``python -m <service>.<process>``."""
    configure_logging(service=settings.service_name, process=process, level=settings.log_level)
    try:
        probe_socket = bind_probe_socket(settings.probe_host, settings.probe_port)
    except OSError as error:
        _log.error(
            "cannot listen on the probe port", probe_port=settings.probe_port, error=str(error)
        )
        raise SystemExit(1) from None
    asyncio.run(serve_process(main=main, checks=checks, probe_socket=probe_socket))
