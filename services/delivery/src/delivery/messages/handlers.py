"""Dispatches and notices to queue; people and assessments to forget."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from contracts.envelope import Envelope
from contracts.events.assessments import AssessmentDeleted, ParticipantRemoved
from contracts.events.notifications import NotificationRequested
from contracts.events.privacy import PrivacyNotificationRequested
from delivery.keys import delivery_keys
from delivery.messages import service
from delivery.messages.service import Notice

_log = get_logger("delivery.messages")


async def queue_dispatches(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    requested = [
        service.Requested(
            dispatch=envelope.data,
            requested_at=envelope.occurred_at,
            correlation_id=envelope.correlation_id,
        )
        for envelope in envelopes
    ]
    await service.enqueue_dispatches(session, dispatches=requested, keys=delivery_keys())


async def forget_participant(session: AsyncSession, envelope: Envelope[Any]) -> None:
    removed: ParticipantRemoved = envelope.data
    await service.drop_person(session, tenant_id=removed.tenant_id, subject_ref=removed.subject_ref)


async def forget_assessment(session: AsyncSession, envelope: Envelope[Any]) -> None:
    deleted: AssessmentDeleted = envelope.data
    await service.drop_assessment(
        session, tenant_id=deleted.tenant_id, assessment_id=deleted.assessment_id
    )


async def queue_notices(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """Each notice keeps its own envelope's correlation (Q10): the consumer binds only the
    first envelope's for a batch."""
    notices: list[Notice] = []
    for envelope in envelopes:
        notice: NotificationRequested = envelope.data
        notices.append(
            Notice(
                notice_id=notice.notice_id,
                tenant_id=notice.tenant_id,
                template=notice.template,
                address=notice.address,
                language=notice.language,
                parameters=dict(notice.parameters),
                purpose=notice.purpose,
                correlation_id=envelope.correlation_id,
            )
        )
    await service.enqueue_notices(session, notices=notices, keys=delivery_keys())


async def queue_privacy_notices(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """Notices to one address; those to a group are accounts' to expand, not ours."""
    addressed: list[Notice] = []
    for envelope in envelopes:
        notice: PrivacyNotificationRequested = envelope.data
        if not isinstance(notice.address, str) or notice.language is None:
            _log.info("group notice left to accounts", notice_id=str(notice.notice_id))
            continue
        addressed.append(
            Notice(
                notice_id=notice.notice_id,
                tenant_id=notice.tenant_id,
                template=notice.template,
                address=notice.address,
                language=notice.language,
                parameters=dict(notice.parameters),
                about_the_person=False,
                purpose=notice.purpose,
                correlation_id=envelope.correlation_id,
            )
        )
    await service.enqueue_notices(session, notices=addressed, keys=delivery_keys())
