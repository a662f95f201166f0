"""Slack: OAuth install, events, interactivity (public, under ``/slack``), and the client's
view of its workspaces (``/workspaces/slack``)."""

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth import AuthorizeUrlGenerator
from sqlalchemy import select

from chassis.auth.dependencies import ClientAdmin, ClientViewer
from chassis.database import SessionDep
from chassis.logs import get_logger
from chassis.messaging.outbox import publish
from contracts.events.delivery import AnswerReceived
from contracts.vocabulary import SlackUser
from delivery.dependencies import KeysDep, SettingsDep
from delivery.messages.models import Message, MessageKind
from delivery.settings import Settings
from delivery.slack import service
from delivery.slack.client import REQUESTED_SCOPES, web_client
from delivery.slack.crypto import TokenCipher
from delivery.slack.members import import_members
from delivery.slack.signatures import SignedBody

public = APIRouter(prefix="/slack", tags=["slack"])
client_api = APIRouter(prefix="/workspaces/slack", tags=["slack"])

_log = get_logger("delivery.slack")


class InstallStart(BaseModel):
    authorize_url: str


class Workspace(BaseModel):
    team_id: str
    name: str | None
    icon_url: str | None
    scopes: list[str]
    installed_at: datetime


def redirect_uri(settings: Settings) -> str:
    return f"{settings.public_base_url}/slack/oauth/callback"


@client_api.post("/install")
async def start_install(
    principal: ClientAdmin, session: SessionDep, settings: SettingsDep
) -> InstallStart:
    """Where to send the admin's browser to add the app to their workspace (P5 scopes)."""
    assert principal.tenant_id is not None
    async with session.begin():
        state = await service.issue_state(session, tenant_id=principal.tenant_id)
    generator = AuthorizeUrlGenerator(
        client_id=settings.slack.client_id,
        redirect_uri=redirect_uri(settings),
        scopes=list(REQUESTED_SCOPES),
        authorization_url=settings.slack.authorize_url,
    )
    return InstallStart(authorize_url=generator.generate(state))


@public.get("/oauth/callback", response_class=HTMLResponse)
async def finish_install(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
    code: str | None = None,
    state: str = Query(default=""),
    error: str | None = None,
) -> Response:
    async with session.begin():
        tenant_id = await service.consume_state(session, state=state)
    if tenant_id is None or code is None:
        return _page("This install link is no longer valid; start again from Settings.", 400)
    if error:
        return _page("Slack did not install the app.", 400)
    client = web_client(settings.slack)
    try:
        granted = await client.oauth_v2_access(
            client_id=settings.slack.client_id,
            client_secret=settings.slack.client_secret.get_secret_value(),
            code=code,
            redirect_uri=redirect_uri(settings),
        )
    except SlackApiError as failure:
        _log.warning("slack oauth refused", error=str(failure.response.get("error")))
        return _page("Slack refused the install; start again from Settings.", 400)
    team_id = str((granted.get("team") or {}).get("id", ""))
    cipher = TokenCipher.from_setting(settings.slack_token_encryption_key)
    try:
        async with session.begin():
            installation = await service.save_installation(
                session,
                tenant_id=tenant_id,
                team_id=team_id,
                bot_user_id=str(granted["bot_user_id"]),
                bot_token=str(granted["access_token"]),
                scopes=str(granted.get("scope", "")),
                cipher=cipher,
            )
    except service.WorkspaceTakenError:
        return _page("This Slack workspace is already connected to another organisation.", 409)
    await import_members(
        request.app.state.database.sessions,
        settings=settings,
        keys=keys,
        team_id=installation.team_id,
    )
    return RedirectResponse(
        f"{settings.public_base_url}/settings?slack=installed", status.HTTP_303_SEE_OTHER
    )


@client_api.get("")
async def workspaces(
    principal: ClientViewer, session: SessionDep, settings: SettingsDep
) -> list[Workspace]:
    """The client's workspaces, with their name and icon fetched live (``team.info``)."""
    assert principal.tenant_id is not None
    async with session.begin():
        installations = await service.installations_of_tenant(
            session, tenant_id=principal.tenant_id
        )
    cipher = TokenCipher.from_setting(settings.slack_token_encryption_key)
    shown = []
    for installation in installations:
        token = cipher.decrypt(installation.bot_token_encrypted, team_id=installation.team_id)
        name = icon = None
        try:
            team = (await web_client(settings.slack, token).team_info())["team"]
            name, icon = team.get("name"), (team.get("icon") or {}).get("image_68")
        except SlackApiError:
            _log.warning("team.info failed", team_id=installation.team_id)
        shown.append(
            Workspace(
                team_id=installation.team_id,
                name=name,
                icon_url=icon,
                scopes=installation.scopes.split(","),
                installed_at=installation.installed_at,
            )
        )
    return shown


@public.post("/events")
async def slack_events(body: SignedBody, session: SessionDep) -> Response:
    """``url_verification``; ``app_uninstalled`` and ``tokens_revoked`` forget the workspace.
    Slack's retries of an event are recognised by its ``event_id`` and skipped."""
    try:
        payload = json.loads(body)
    except ValueError:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "The body is not JSON.") from None
    if payload.get("type") == "url_verification":
        return Response(
            json.dumps({"challenge": payload.get("challenge", "")}), media_type="application/json"
        )
    if payload.get("type") != "event_callback":
        return Response(status_code=status.HTTP_200_OK)
    event_type = (payload.get("event") or {}).get("type")
    async with session.begin():
        if not await service.first_time(session, key=f"event:{payload.get('event_id')}"):
            return Response(status_code=status.HTTP_200_OK)
        if event_type in ("app_uninstalled", "tokens_revoked"):
            removed = await service.remove_workspace(session, team_id=str(payload.get("team_id")))
            _log.info("slack workspace removed", event_type=event_type, removed=removed)
    return Response(status_code=status.HTTP_200_OK)


@public.post("/interactions")
async def slack_interactions(body: SignedBody, session: SessionDep) -> Response:
    """A button press: acknowledged at once, handed on as ``delivery.answer.received.v1``."""
    try:
        payload = json.loads(parse_qs(body.decode())["payload"][0])
    except (KeyError, IndexError, ValueError, UnicodeDecodeError):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "No interaction payload.") from None
    if payload.get("type") != "block_actions":
        return Response(status_code=status.HTTP_200_OK)
    team_id = str((payload.get("team") or {}).get("id", ""))
    user_id = str((payload.get("user") or {}).get("id", ""))
    for action in payload.get("actions") or []:
        value = str(action.get("value", ""))
        if ":" not in value:
            continue
        try:
            dispatch_id, option_id = (UUID(part) for part in value.split(":", 1))
        except ValueError:
            continue
        async with session.begin():
            await _hand_on_press(
                session,
                team_id=team_id,
                user_id=user_id,
                dispatch_id=dispatch_id,
                option_id=option_id,
            )
    return Response(status_code=status.HTTP_200_OK)


async def _hand_on_press(
    session: Any, *, team_id: str, user_id: str, dispatch_id: UUID, option_id: UUID
) -> None:
    message = await session.scalar(
        select(Message).where(
            Message.kind == MessageKind.DISPATCH,
            Message.reference_id == dispatch_id,
            Message.channel == "slack",
        )
    )
    member = await service.member_of(session, team_id=team_id, user_id=user_id)
    if (
        message is None
        or member is None
        or message.tenant_id != member.tenant_id
        or message.subject_ref != member.subject_ref
    ):
        _log.warning("slack press refused", reason="not the addressee")
        return
    assert message.tenant_id is not None
    await publish(
        session,
        AnswerReceived(
            tenant_id=message.tenant_id,
            dispatch_id=dispatch_id,
            chosen_option_ids=[option_id],
            pressed_by=SlackUser(team_id=team_id, user_id=user_id),
            pressed_at=datetime.now(UTC),
        ),
    )


def _page(text: str, status_code: int) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html><body style='font-family:sans-serif'><p>{text}</p></body></html>",
        status_code=status_code,
    )
