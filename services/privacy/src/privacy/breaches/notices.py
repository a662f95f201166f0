"""Telling the affected people (GDPR art. 34) through delivery, and counting what came of it.

Privacy addresses groups per affected client; accounts (users) and assessments (participants)
expand them, one notice per person with an id derived from the group notice's. Those ids
cannot be traced back, so every envelope of a breach's notices carries the breach's
correlation id, and the per-person notices are recognised by it.
"""

from datetime import datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.correlation import current_causation_id, current_traceparent
from chassis.messaging.outbox import add_to_outbox
from contracts.envelope import Envelope
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import (
    ClientParticipants,
    ClientUsers,
    PrivacyNotificationRequested,
)
from contracts.ids import uuid7
from privacy.audit.service import append_audit, hold_audit_chain
from privacy.breaches.models import Breach, BreachNotice, BreachNoticeRecipient
from privacy.breaches.schemas import Audience, NoticeCounts, NoticeOrder
from privacy.breaches.service import breach_for_update
from privacy.requests.states import Actor

CORRELATION_PREFIX = "breach-"


def notice_correlation(breach_id: UUID) -> str:
    return f"{CORRELATION_PREFIX}{breach_id.hex}"


def breach_of_correlation(correlation_id: str | None) -> UUID | None:
    """The breach whose notices an envelope belongs to, if any."""
    if not correlation_id or not correlation_id.startswith(CORRELATION_PREFIX):
        return None
    try:
        return UUID(hex=correlation_id.removeprefix(CORRELATION_PREFIX))
    except ValueError:
        return None


def default_summary(breach: Breach) -> str:
    return (
        f"{breach.nature}\n\nLikely consequences: {breach.likely_consequences}\n\n"
        f"What we have done: {breach.measures_taken}\n\n"
        f"What we will do, and what you can do: {breach.measures_proposed}"
    )


async def send_notices(
    session: AsyncSession,
    *,
    breach_id: UUID,
    order: NoticeOrder,
    contact: str,
    officer_id: UUID,
    now: datetime,
) -> list[BreachNotice]:
    """One group notice per affected client and audience, audited."""
    await hold_audit_chain(session)
    breach = await breach_for_update(session, breach_id=breach_id)
    parameters = {"summary": order.summary or default_summary(breach), "contact": contact}
    notices: list[BreachNotice] = []
    envelopes = []
    for tenant in breach.tenant_ids:
        tenant_id = UUID(tenant)
        for audience in dict.fromkeys(order.audiences):
            group = (
                ClientUsers(group="client_users", tenant_id=tenant_id)
                if audience is Audience.CLIENT_USERS
                else ClientParticipants(group="client_participants", tenant_id=tenant_id)
            )
            notice = BreachNotice(
                notice_id=uuid7(),
                breach_id=breach.id,
                tenant_id=tenant_id,
                audience=audience.value,
                requested_by=officer_id,
                requested_at=now,
            )
            notices.append(notice)
            envelopes.append(
                Envelope.wrap(
                    PrivacyNotificationRequested(
                        notice_id=notice.notice_id,
                        tenant_id=tenant_id,
                        template=NoticeTemplate.BREACH_NOTICE,
                        address=group,
                        language=None,
                        parameters=parameters,
                    ),
                    tenant_id=tenant_id,
                    correlation_id=notice_correlation(breach.id),
                    causation_id=current_causation_id(),
                    traceparent=current_traceparent(),
                )
            )
    session.add_all(notices)
    await add_to_outbox(session, *envelopes)
    await append_audit(
        session,
        action="breach.notices_sent",
        actor=Actor.PRIVACY_OFFICER.value,
        at=now,
        details={
            "breach_id": str(breach.id),
            "reference": breach.reference,
            "audiences": [audience.value for audience in order.audiences],
            "clients": len(breach.tenant_ids),
        },
        actor_id=officer_id,
    )
    return notices


async def notice_counts(session: AsyncSession, *, breach_id: UUID) -> NoticeCounts:
    recipient = BreachNoticeRecipient
    row = (
        await session.execute(
            select(
                func.count(recipient.requested_at),
                func.count(recipient.sent_at),
                func.count(recipient.delivered_at),
                func.count(recipient.bounced_at),
                func.count(recipient.suppressed_at),
            ).where(recipient.breach_id == breach_id)
        )
    ).one()
    groups = await session.scalar(
        select(func.count()).select_from(BreachNotice).where(BreachNotice.breach_id == breach_id)
    )
    return NoticeCounts(
        group_notices=int(groups or 0),
        requested=int(row[0]),
        sent=int(row[1]),
        delivered=int(row[2]),
        bounced=int(row[3]),
        suppressed=int(row[4]),
    )
