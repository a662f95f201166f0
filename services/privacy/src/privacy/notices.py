"""Notices privacy asks for: to the subject's address while the request is open, or to a group."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import NoticeParameters, NoticeTemplate
from contracts.events.privacy import (
    ClientAdmins,
    GroupAddress,
    PrivacyNotificationRequested,
    PrivacyOfficers,
)
from contracts.ids import uuid7
from privacy.requests.models import DataSubjectRequest


async def notify_subject(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    template: NoticeTemplate,
    parameters: NoticeParameters,
) -> bool:
    """Emails the subject through delivery; False when their address is already forgotten."""
    if request.email is None:
        return False
    await publish(
        session,
        PrivacyNotificationRequested(
            notice_id=uuid7(),
            tenant_id=request.tenant_id,
            template=template,
            address=request.email,
            language=request.language,
            parameters=parameters,
        ),
        tenant_id=request.tenant_id,
    )
    return True


async def notify_group(
    session: AsyncSession,
    *,
    group: GroupAddress,
    template: NoticeTemplate,
    parameters: NoticeParameters,
    tenant_id: UUID | None = None,
) -> None:
    """Emails every member of a group; accounts expands it, each in their client's language."""
    await publish(
        session,
        PrivacyNotificationRequested(
            notice_id=uuid7(),
            tenant_id=tenant_id,
            template=template,
            address=group,
            language=None,
            parameters=parameters,
        ),
        tenant_id=tenant_id,
    )


def client_admins(tenant_id: UUID) -> ClientAdmins:
    return ClientAdmins(group="client_admins", tenant_id=tenant_id)


def privacy_officers() -> PrivacyOfficers:
    return PrivacyOfficers(group="privacy_officers")
