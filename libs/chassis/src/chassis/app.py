"""The FastAPI application every service's ``create_app()`` starts from."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from chassis import correlation
from chassis.auth.verifier import JwksKeySource, TokenVerifier
from chassis.database import Database
from chassis.health import health_router
from chassis.logs import configure_logging, get_logger
from chassis.metrics import metrics_router
from chassis.request_context import RequestContextMiddleware
from chassis.settings import ServiceSettings

_log = get_logger("soket.app")


def create_service_app(*, settings: ServiceSettings, routers: Sequence[APIRouter] = ()) -> FastAPI:
    """An app with health, readiness (its database), metrics, request context and logs.

    The API never checks the broker for readiness: it must keep taking writes (into its
    outbox) while the broker is away.
    """
    service = settings.service_name
    configure_logging(service=service, process="api", level=settings.log_level)
    database = Database(settings.database_url, pool_size=settings.database_pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.database = database
        _log.info("api started")
        yield
        await database.dispose()
        if isinstance(app.state.token_verifier.source, JwksKeySource):
            await app.state.token_verifier.source.close()

    app = FastAPI(
        title=f"Soket {service}",
        lifespan=lifespan,
        docs_url="/docs" if settings.environment != "production" else None,
        redoc_url=None,
    )
    app.state.token_verifier = TokenVerifier(
        JwksKeySource(
            settings.auth.jwks_url,
            max_age_seconds=settings.auth.jwks_max_age_seconds,
            min_refresh_seconds=settings.auth.jwks_min_refresh_seconds,
        )
    )
    app.include_router(health_router({"database": database.ping}))
    app.include_router(metrics_router)
    for router in routers:
        app.include_router(router)
    app.add_middleware(RequestContextMiddleware, service=service)
    app.add_exception_handler(Exception, _unexpected_error)
    return app


async def _unexpected_error(_request: Request, error: Exception) -> JSONResponse:
    _log.error("unexpected error", error_type=type(error).__name__, exc_info=error)
    return JSONResponse(
        {
            "detail": "Something went wrong on our side; nothing was saved.",
            "correlation_id": correlation.current_correlation_id(),
        },
        status_code=500,
    )
