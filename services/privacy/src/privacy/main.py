from fastapi import FastAPI

from chassis.app import create_service_app
from privacy.backups.views import router as backups_router
from privacy.breaches.views import router as breaches_router
from privacy.consent.views import router as consent_router
from privacy.dashboard.views import router as dashboard_router
from privacy.exports.views import router as exports_router
from privacy.holds.views import router as holds_router
from privacy.intake.views import router as intake_router
from privacy.offboarding.views import router as offboarding_router
from privacy.policies.views import router as policies_router
from privacy.proofs.views import router as proofs_router
from privacy.register.views import router as register_router
from privacy.requests.views import router as requests_router
from privacy.retention.views import router as retention_router
from privacy.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings=settings,
        routers=[
            requests_router,
            intake_router,
            register_router,
            proofs_router,
            exports_router,
            retention_router,
            holds_router,
            consent_router,
            offboarding_router,
            breaches_router,
            policies_router,
            dashboard_router,
            backups_router,
        ],
    )
