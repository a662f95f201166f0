from fastapi import FastAPI

from chassis.app import create_service_app
from privacy.exports.views import router as exports_router
from privacy.intake.views import router as intake_router
from privacy.proofs.views import router as proofs_router
from privacy.register.views import router as register_router
from privacy.requests.views import router as requests_router
from privacy.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings=settings,
        routers=[requests_router, intake_router, register_router, proofs_router, exports_router],
    )
