"""Asking delivery to email a notice: ``accounts.notification.requested.v1`` in the outbox."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import ConsentPurpose, NoticeTemplate, NotificationRequested
from contracts.ids import uuid7
from contracts.vocabulary import Language, Service


async def request_notice(
    session: AsyncSession,
    *,
    template: NoticeTemplate,
    address: str,
    language: Language,
    parameters: dict[str, str],
    tenant_id: UUID | None,
    subject_ref: str | None,
    notice_id: UUID | None = None,
    purpose: ConsentPurpose | None = None,
) -> None:
    """The notice, about the person ``subject_ref`` names (so an erasure also removes it)."""
    await publish(
        session,
        NotificationRequested(
            notice_id=notice_id or uuid7(),
            tenant_id=tenant_id,
            template=template,
            address=address,
            language=language,
            parameters=parameters,
            purpose=purpose,
        ),
        source=Service.ACCOUNTS,
        tenant_id=tenant_id,
        subject_ref=subject_ref,
    )
