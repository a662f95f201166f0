"""A connected workspace's icon, fetched here and served from Soket's own origin.

Slack's ``team.info`` names an icon on Slack's servers; the web app may not load it from there
(its Content-Security-Policy allows images from itself only, and we promise no third-party
requests from the browser). So the client asks ``GET /workspaces/slack/{team_id}/icon`` and
delivery fetches the picture: only from Slack's image hosts (or the configured Web API's own
host, a fake in development and tests), over a short timeout, no redirects, an image type
only and a size limit.
"""

from typing import Annotated
from urllib.parse import urlsplit

import aiohttp
from fastapi import APIRouter, HTTPException, Path, Response, status
from slack_sdk.errors import SlackApiError

from chassis.auth.dependencies import ClientViewer
from chassis.database import SessionDep
from chassis.logs import get_logger
from delivery.dependencies import SettingsDep
from delivery.settings import Settings
from delivery.slack import service
from delivery.slack.client import web_client
from delivery.slack.crypto import TokenCipher

router = APIRouter(prefix="/workspaces/slack", tags=["slack"])

_log = get_logger("delivery.slack.icons")

ICON_MAX_BYTES = 256 * 1024
"""A workspace icon is a few kilobytes; anything near this is not one."""
ICON_TIMEOUT_SECONDS = 5.0
ICON_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
"""No SVG: a picture that can carry script is not passed on."""
SLACK_IMAGE_DOMAINS = ("slack-edge.com", "slack.com")
"""Where Slack keeps workspace icons (``avatars.slack-edge.com``, ``a.slack-edge.com``)."""
ICON_SIZES = ("image_68", "image_88", "image_44", "image_102", "image_132", "image_34")
"""The first of these that ``team.info`` gives is shown (68 px: what Settings shows)."""

TeamId = Annotated[str, Path(pattern=r"^[A-Z0-9]{1,32}$")]

_NO_ICON = "This workspace has no icon."
_UNAVAILABLE = "Slack did not give the workspace's icon; try again later."


class IconUnavailableError(Exception):
    """The icon could not be fetched within the limits."""


@router.get(
    "/{team_id}/icon",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}, "image/jpeg": {}, "image/gif": {}, "image/webp": {}}},
        404: {"description": "Not a workspace of this client, or no icon"},
        502: {"description": "Slack did not give the icon within the limits"},
    },
)
async def workspace_icon(
    team_id: TeamId, principal: ClientViewer, session: SessionDep, settings: SettingsDep
) -> Response:
    """The workspace's icon as bytes, for the web app to show from its own origin (P5)."""
    async with session.begin():
        installation = await service.installation_of(session, team_id=team_id)
    if installation is None or installation.tenant_id != principal.tenant_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such workspace.")
    cipher = TokenCipher.from_setting(settings.slack_token_encryption_key)
    token = cipher.decrypt(installation.bot_token_encrypted, team_id=installation.team_id)
    try:
        team = (await web_client(settings.slack, token).team_info())["team"]
    except (SlackApiError, aiohttp.ClientError, TimeoutError):
        _log.warning("team.info failed", team_id=team_id)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, _UNAVAILABLE) from None
    url = icon_url(team)
    if url is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, _NO_ICON)
    try:
        body, content_type = await fetch_icon(url, settings=settings)
    except IconUnavailableError as refused:
        _log.warning("slack icon refused", team_id=team_id, reason=str(refused))
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, _UNAVAILABLE) from None
    return Response(
        body,
        media_type=content_type,
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


def icon_url(team: object) -> str | None:
    """The icon ``team.info`` names, in the first size of ``ICON_SIZES`` it gives."""
    if not isinstance(team, dict):
        return None
    icon = team.get("icon")
    if not isinstance(icon, dict):
        return None
    for size in ICON_SIZES:
        value = icon.get(size)
        if isinstance(value, str) and value:
            return value
    return None


def allowed_icon_url(url: str, *, settings: Settings) -> bool:
    """Slack's image hosts over HTTPS, or the configured Web API's own scheme, host and port
    (the local fake); nothing else is fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or not host:
        return False
    on_slack = any(host == domain or host.endswith(f".{domain}") for domain in SLACK_IMAGE_DOMAINS)
    if on_slack and parts.scheme == "https" and port in (None, 443):
        return True
    api = urlsplit(settings.slack.api_base_url)
    return (parts.scheme, host, port) == (api.scheme, (api.hostname or "").lower(), api.port)


async def fetch_icon(url: str, *, settings: Settings) -> tuple[bytes, str]:
    """The picture's bytes and type; ``IconUnavailableError`` outside the limits."""
    if not allowed_icon_url(url, settings=settings):
        raise IconUnavailableError("not a Slack image host")
    timeout = aiohttp.ClientTimeout(total=ICON_TIMEOUT_SECONDS)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.get(url, allow_redirects=False) as answer,
        ):
            if answer.status != status.HTTP_200_OK:
                raise IconUnavailableError(f"status {answer.status}")
            content_type = answer.content_type.lower()
            if content_type not in ICON_TYPES:
                raise IconUnavailableError(f"type {content_type}")
            if (answer.content_length or 0) > ICON_MAX_BYTES:
                raise IconUnavailableError("too large")
            body = await answer.content.read(ICON_MAX_BYTES + 1)
            while len(body) <= ICON_MAX_BYTES and not answer.content.at_eof():
                more = await answer.content.read(ICON_MAX_BYTES + 1 - len(body))
                if not more:
                    break
                body += more
    except (aiohttp.ClientError, TimeoutError) as failure:
        raise IconUnavailableError(type(failure).__name__) from None
    if len(body) > ICON_MAX_BYTES:
        raise IconUnavailableError("too large")
    if not body:
        raise IconUnavailableError("empty")
    return body, content_type
