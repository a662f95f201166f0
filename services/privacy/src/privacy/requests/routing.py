"""Who decides a verified request (Q11): the client's admins for its participants' data,
a privacy officer for client users' data; the submitter, when they are the decider."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import NoticeTemplate
from privacy.consent.routing import route_consent_request
from privacy.notices import client_admins, notify_group, privacy_officers
from privacy.requests.decisions import approve, deny
from privacy.requests.models import DataSubjectRequest, DenialReason, IntakeChannel, SubjectKind
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move
from privacy.settings import Settings


async def route_verified(
    session: AsyncSession, *, settings: Settings, request: DataSubjectRequest, now: datetime
) -> None:
    """A verified request awaits its decision, which is asked of its deciders or taken now."""
    await move(
        session, request=request, to=RequestState.AWAITING_DECISION, actor=Actor.SYSTEM, now=now
    )
    if request.tenant_id is None:
        await deny(
            session,
            settings=settings,
            request=request,
            actor=Actor.SYSTEM,
            now=now,
            reason=DenialReason.NO_MATCH,
        )
        return
    if await route_consent_request(session, settings=settings, request=request, now=now):
        return
    channel = IntakeChannel(request.channel)
    link = f"{settings.public_base_url}/app/privacy/requests/{request.id}"
    parameters = {"reference": request.reference, "link": link}
    if SubjectKind(request.subject_kind) is SubjectKind.PARTICIPANT:
        if channel is IntakeChannel.CLIENT_ADMIN:
            await approve(
                session,
                settings=settings,
                request=request,
                actor=Actor.CLIENT_ADMIN,
                now=now,
                actor_id=request.submitted_by,
            )
            return
        await notify_group(
            session,
            group=client_admins(request.tenant_id),
            template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
            parameters=parameters,
            tenant_id=request.tenant_id,
        )
        return
    if channel is IntakeChannel.PRIVACY_OFFICER:
        await approve(
            session,
            settings=settings,
            request=request,
            actor=Actor.PRIVACY_OFFICER,
            now=now,
            actor_id=request.submitted_by,
        )
        return
    if (
        channel is IntakeChannel.CLIENT_USER
        and settings.requests.auto_approve_verified_client_users
    ):
        await approve(session, settings=settings, request=request, actor=Actor.SYSTEM, now=now)
        return
    await notify_group(
        session,
        group=privacy_officers(),
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        parameters=parameters,
        tenant_id=request.tenant_id,
    )
