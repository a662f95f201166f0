"""slack-sdk's Web API client, pointed at Slack (or the local fake) by the settings."""

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from delivery.settings import SlackSettings

REQUESTED_SCOPES = ("team:read", "users:read", "users:read.email", "chat:write", "im:write")
"""Exactly what the app asks for at install (P5)."""


def web_client(
    settings: SlackSettings, token: str | None = None, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """No automatic retries: a resent ``chat.postMessage`` could post twice; the sender decides.
    With ``session``, connections are kept and reused across calls."""
    return AsyncWebClient(
        token=token, base_url=settings.api_base_url, retry_handlers=[], session=session
    )
