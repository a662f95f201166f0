from fastapi import FastAPI

from analytics.assessments.views import router as assessments_router
from analytics.participants.views import router as participants_router
from analytics.settings import Settings
from analytics.trends.views import router as trend_router
from chassis.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or Settings(),
        routers=[assessments_router, participants_router, trend_router],
    )
