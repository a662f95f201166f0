"""Discovery: which clients hold a verified address, then one request per client found."""

from datetime import datetime, timedelta
from typing import Final
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.privacy import SubjectDiscoveryRequested
from contracts.vocabulary import DataService
from privacy.audit.service import append_audit, hold_audit_chain
from privacy.intake.models import DiscoveryReply, Intake, IntakeKind
from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType, SubjectKind
from privacy.requests.service import open_request
from privacy.requests.states import Actor
from privacy.settings import Settings

DISCOVERY_SERVICES: Final = frozenset(
    {DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.DELIVERY}
)
"""The services that hold email addresses and answer discovery."""
REPLIES_STALE_AFTER: Final = timedelta(minutes=10)
DISCOVERY_ASKS: Final = 3
"""Times discovery is asked while no service answers, before the requests open from nothing."""
"""Discovery opens the requests from the replies that came once none has come this long."""


async def record_discovery(
    session: AsyncSession,
    *,
    settings: Settings,
    intake_id: UUID,
    service: DataService,
    tenant_ids: list[UUID],
    now: datetime,
) -> list[DataSubjectRequest]:
    """Keeps one service's answer (its first: a repeated reply changes nothing); once every
    service has answered, opens the requests. Replies about an intake that is gone, opened
    or withdrawn are ignored."""
    await hold_audit_chain(session)
    intake = await session.get(Intake, intake_id, with_for_update=True)
    if intake is None or not _awaits_replies(intake):
        return []
    await session.execute(
        insert(DiscoveryReply)
        .values(intake_id=intake.id, service=service, tenant_ids=tenant_ids, replied_at=now)
        .on_conflict_do_nothing()
    )
    intake.last_reply_at = now
    replies = await _replies(session, intake_id=intake.id)
    if DISCOVERY_SERVICES - set(replies):
        return []
    return await open_discovered(session, settings=settings, intake=intake, now=now)


async def open_discovered(
    session: AsyncSession, *, settings: Settings, intake: Intake, now: datetime
) -> list[DataSubjectRequest]:
    """One request per client holding the address (none found: one with no client, which is
    denied as no match), each from the intake's receipt; then the intake forgets the address.
    The caller holds the intake's row lock."""
    if intake.email is None or intake.verified_at is None:
        raise ValueError("only a verified intake that still holds its address opens requests")
    replies = await _replies(session, intake_id=intake.id)
    holders: dict[UUID, set[DataService]] = {}
    for service, tenant_ids in replies.items():
        for tenant_id in tenant_ids:
            holders.setdefault(tenant_id, set()).add(service)
    targets: list[tuple[UUID | None, SubjectKind]] = [
        (tenant_id, subject_kind_in(holders[tenant_id])) for tenant_id in sorted(holders)
    ] or [(None, SubjectKind.PARTICIPANT)]
    opened = [
        await open_request(
            session,
            settings=settings,
            request_type=RequestType(intake.request_type),
            subject_kind=kind,
            tenant_id=tenant_id,
            email=intake.email,
            language=intake.language,
            channel=IntakeChannel.PUBLIC_FORM,
            received_at=intake.received_at,
            now=intake.verified_at,
            identity_verified=True,
            intake_id=intake.id,
            restrict=intake.restrict,
            corrected_email=intake.corrected_email,
            corrected_name=intake.corrected_name,
        )
        for tenant_id, kind in targets
    ]
    unanswered = sorted(DISCOVERY_SERVICES - set(replies))
    intake.opened_at = now
    intake.unanswered_services = list(unanswered) or None
    forget_subject(intake)
    await session.execute(delete(DiscoveryReply).where(DiscoveryReply.intake_id == intake.id))
    await append_audit(
        session,
        action="intake.requests_opened",
        actor=Actor.SYSTEM,
        at=now,
        details={
            "intake_id": str(intake.id),
            "requests": [str(request.id) for request in opened],
            "unanswered_services": unanswered,
        },
    )
    return opened


def subject_kind_in(services: set[DataService]) -> SubjectKind:
    """A client user when only accounts holds the address in that client, else a participant."""
    return (
        SubjectKind.CLIENT_USER if services == {DataService.ACCOUNTS} else SubjectKind.PARTICIPANT
    )


def forget_subject(intake: Intake) -> None:
    intake.email = None
    intake.corrected_email = None
    intake.corrected_name = None


async def open_stale_discoveries(
    session: AsyncSession, *, settings: Settings, now: datetime
) -> int:
    """Verified intakes whose replies stopped coming open their requests from what came; one
    that no service answered at all is asked again first (a subject is not told "no match"
    because the services were away)."""
    quiet_since = func.coalesce(Intake.last_reply_at, Intake.verified_at)
    await hold_audit_chain(session)
    stale = (
        await session.scalars(
            select(Intake)
            .where(
                Intake.kind == IntakeKind.PUBLIC_FORM,
                Intake.verified_at.is_not(None),
                Intake.opened_at.is_(None),
                Intake.withdrawn_at.is_(None),
                quiet_since < now - REPLIES_STALE_AFTER,
            )
            .order_by(Intake.verified_at)
            .limit(100)
            .with_for_update(skip_locked=True)
        )
    ).all()
    count = 0
    for intake in stale:
        unanswered = not await _replies(session, intake_id=intake.id)
        if unanswered and intake.discovery_asks < DISCOVERY_ASKS and intake.email is not None:
            await ask_discovery(session, intake=intake)
            intake.discovery_asks += 1
            intake.last_reply_at = now  # the quiet ten minutes count from this ask
        else:
            await open_discovered(session, settings=settings, intake=intake, now=now)
        count += 1
    return count


async def ask_discovery(session: AsyncSession, *, intake: Intake) -> None:
    """Asks the services that hold emails in which clients the intake's address appears."""
    if intake.email is None:
        raise ValueError("an intake without its address cannot be discovered")
    await publish(session, SubjectDiscoveryRequested(request_id=intake.id, email=intake.email))


async def _replies(session: AsyncSession, *, intake_id: UUID) -> dict[DataService, list[UUID]]:
    rows = await session.execute(
        select(DiscoveryReply.service, DiscoveryReply.tenant_ids).where(
            DiscoveryReply.intake_id == intake_id
        )
    )
    return {DataService(service): list(tenant_ids) for service, tenant_ids in rows}


def _awaits_replies(intake: Intake) -> bool:
    return (
        intake.kind == IntakeKind.PUBLIC_FORM
        and intake.verified_at is not None
        and intake.opened_at is None
        and intake.withdrawn_at is None
    )
