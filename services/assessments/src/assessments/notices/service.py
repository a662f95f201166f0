"""Privacy's notices to every participant of a client, one notice per participant."""

import uuid
from collections.abc import AsyncIterator

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction
from chassis.messaging.outbox import publish
from contracts.events.notifications import NotificationRequested
from contracts.events.privacy import ClientParticipants, PrivacyNotificationRequested
from contracts.vocabulary import Language, Service

PAGE = 500


async def notify_participants(
    session: AsyncSession, *, notice: PrivacyNotificationRequested, group: ClientParticipants
) -> int:
    """One ``assessments.notification.requested.v1`` per participant whose processing is not
    restricted, in the participant's language, its id derived from the notice's and the
    participant's (a redelivery asks for the same notices); how many."""
    asked = 0
    async for participant in _reachable(session, tenant_id=group.tenant_id):
        await publish(
            session,
            NotificationRequested(
                notice_id=uuid.uuid5(notice.notice_id, str(participant.id)),
                tenant_id=participant.tenant_id,
                template=notice.template,
                address=participant.email,
                language=notice.language or Language(participant.language),
                parameters=dict(notice.parameters),
                purpose=notice.purpose,
            ),
            source=Service.ASSESSMENTS,
            tenant_id=participant.tenant_id,
            subject_ref=participant.subject_ref,
        )
        asked += 1
    return asked


async def _reachable(session: AsyncSession, *, tenant_id: uuid.UUID) -> AsyncIterator[Participant]:
    restricted = select(SubjectRestriction.subject_ref).where(
        SubjectRestriction.tenant_id == tenant_id
    )
    query = (
        select(Participant)
        .where(Participant.tenant_id == tenant_id, Participant.subject_ref.not_in(restricted))
        .order_by(Participant.id)
        .limit(PAGE)
    )
    after: uuid.UUID | None = None
    while True:
        page = list(await session.scalars(query.where(Participant.id > after) if after else query))
        for participant in page:
            yield participant
        if len(page) < PAGE:
            return
        after = page[-1].id
