"""The client's Slack member directory (``/workspaces/slack/members``): list it, re-import it.

Only what the directory holds is shown: the workspace and the email (P4)."""

from typing import Annotated

import aiohttp
from cryptography.exceptions import InvalidTag
from fastapi import APIRouter, HTTPException, Query, Request, status
from pydantic import BaseModel
from slack_sdk.errors import SlackApiError
from sqlalchemy import select, tuple_

from chassis.auth.dependencies import ClientAdmin
from chassis.database import SessionDep
from chassis.logs import get_logger
from delivery.dependencies import KeysDep, SettingsDep
from delivery.slack import service
from delivery.slack.members import import_members
from delivery.slack.models import SlackMember

router = APIRouter(prefix="/workspaces/slack", tags=["slack"])

_log = get_logger("delivery.slack.member_views")

NO_WORKSPACE = "No Slack workspace is connected."


class DirectoryMember(BaseModel):
    team_id: str
    email: str


class MemberPage(BaseModel):
    members: list[DirectoryMember]
    next_after: str | None
    """Pass as ``after`` for the next page; None on the last one."""


class SyncStarted(BaseModel):
    workspaces: int
    members: int


def _cursor(member: DirectoryMember) -> str:
    return f"{member.team_id}:{member.email}"


@router.get("/members")
async def slack_members(
    principal: ClientAdmin,
    session: SessionDep,
    after: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> MemberPage:
    """The members of the client's workspaces, by email then workspace; 404 when none is
    connected."""
    assert principal.tenant_id is not None
    async with session.begin():
        if not await service.installations_of_tenant(session, tenant_id=principal.tenant_id):
            raise HTTPException(status.HTTP_404_NOT_FOUND, NO_WORKSPACE)
        query = select(SlackMember.team_id, SlackMember.email).where(
            SlackMember.tenant_id == principal.tenant_id
        )
        if after:
            team_id, separator, email = after.partition(":")
            if not separator:
                raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "Bad cursor.")
            query = query.where(
                tuple_(SlackMember.email, SlackMember.team_id) > tuple_(email, team_id)
            )
        rows = (
            await session.execute(
                query.order_by(SlackMember.email, SlackMember.team_id).limit(limit + 1)
            )
        ).all()
    members = [DirectoryMember(team_id=row.team_id, email=row.email) for row in rows[:limit]]
    return MemberPage(
        members=members, next_after=_cursor(members[-1]) if len(rows) > limit else None
    )


@router.post("/sync", status_code=status.HTTP_202_ACCEPTED)
async def sync_slack_members(
    principal: ClientAdmin,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
) -> SyncStarted:
    """Re-imports the members of the client's workspaces now, as the sender does on its
    schedule: ``delivery.slack.members_imported.v1`` follows, so assessments links
    participants to their Slack ids. 409 when no workspace is connected; 502 when Slack
    refuses or cannot be reached."""
    assert principal.tenant_id is not None
    async with session.begin():
        installations = await service.installations_of_tenant(
            session, tenant_id=principal.tenant_id
        )
        team_ids = [installation.team_id for installation in installations]
    if not team_ids:
        raise HTTPException(status.HTTP_409_CONFLICT, NO_WORKSPACE)
    imported = 0
    for team_id in team_ids:
        try:
            imported += await import_members(
                request.app.state.database.sessions,
                settings=settings,
                keys=keys,
                team_id=team_id,
            )
        except (SlackApiError, InvalidTag, OSError, aiohttp.ClientError) as error:
            _log.warning(
                "slack member sync failed", team_id=team_id, error_type=type(error).__name__
            )
            raise HTTPException(
                status.HTTP_502_BAD_GATEWAY, "Slack did not hand over the members; try later."
            ) from None
    return SyncStarted(workspaces=len(team_ids), members=imported)
