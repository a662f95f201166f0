import httpx
from fastapi import FastAPI

from chassis.app import create_service_app
from delivery.database import load_models
from delivery.keys import DeliveryKeys
from delivery.messages.views import router as messages_router
from delivery.settings import Settings
from delivery.slack.icons import router as slack_icons
from delivery.slack.member_views import router as slack_members
from delivery.slack.views import client_api as slack_client_api
from delivery.slack.views import public as slack_public
from delivery.sns.verification import HttpsCertificateFetcher, is_sns_url
from delivery.sns.views import router as sns_router
from delivery.unsubscribe.views import router as unsubscribe_router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    app = create_service_app(
        settings=settings,
        routers=[
            messages_router,
            sns_router,
            unsubscribe_router,
            slack_public,
            slack_client_api,
            slack_icons,
            slack_members,
        ],
    )
    app.state.keys = DeliveryKeys.from_settings(settings)
    app.state.sns_certificates = HttpsCertificateFetcher()
    app.state.sns_confirmer = confirm_sns_subscription
    return app


async def confirm_sns_subscription(url: str) -> None:
    """Visits SNS's SubscribeURL (only ever an SNS host) to confirm the subscription."""
    if not is_sns_url(url):
        raise ValueError("not an SNS URL")
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=False) as client:
        (await client.get(url)).raise_for_status()
