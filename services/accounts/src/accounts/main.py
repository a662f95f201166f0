from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request

from accounts.auth.views import router as auth_router
from accounts.clients.views import router as client_router
from accounts.errors import install_error_answers
from accounts.runtime import build_runtime
from accounts.settings import Settings
from accounts.signing.views import router as keys_router
from accounts.users.profile_views import router as profile_router
from accounts.users.views import router as users_router
from chassis.app import create_service_app
from chassis.auth.verifier import TokenVerifier


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        routers=[keys_router, auth_router, profile_router, client_router, users_router],
    )
    runtime = build_runtime(settings, app)
    app.state.accounts = runtime
    # Accounts verifies its own tokens with its own keys, never over HTTP to itself.
    app.state.token_verifier = TokenVerifier(runtime.keys)
    install_error_answers(app)
    app.add_exception_handler(IntegrityError, _conflict)
    return app


async def _conflict(_request: Request, _error: Exception) -> JSONResponse:
    """Two requests raced for the same unique value (say, an email): the later one lost."""
    return JSONResponse(
        {"detail": "This conflicts with a change made at the same time; nothing was saved."},
        status_code=409,
    )
