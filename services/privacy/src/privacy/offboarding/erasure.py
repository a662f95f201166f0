"""A client's erasure in every data service (P12): the admins get the certificate's link
first, then every service is asked (and asked again until it answers), each answer's signed
receipt is verified and chained, and once all four are in the certificate is issued."""

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import TenantErasureRequested
from contracts.events.privacy_replies import TenantErased
from privacy.consent.service import forget_client_users
from privacy.exports.models import ExportArchive
from privacy.exports.service import drop_parts
from privacy.notices import client_admins, notify_group, privacy_officers
from privacy.offboarding.audit_step import audit_step
from privacy.offboarding.backup_expiry import last_backup_expiry
from privacy.offboarding.certificate import (
    certificate_of_deletion,
    erasure_receipts,
    every_service_answered,
)
from privacy.offboarding.links import offboarding_link
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.offboarding.receipts import accept_tenant_receipt
from privacy.policies.service import forget_acceptances
from privacy.proofs.service import ReceiptRejected, UnknownReceiptKey
from privacy.requests.models import DataSubjectRequest
from privacy.settings import Settings

_log = logging.getLogger(__name__)


async def announce_erasure(
    session: AsyncSession, *, offboarding: ClientOffboarding, settings: Settings, now: datetime
) -> None:
    """The agreed date came: the admins are emailed the certificate's address (it fills once
    every service has answered) while accounts can still reach them; the copy is withdrawn."""
    offboarding.state = OffboardingState.NOTIFYING
    offboarding.certificate_notice_at = now
    offboarding.hold_reason = None
    await notify_group(
        session,
        group=client_admins(offboarding.tenant_id),
        template=NoticeTemplate.CLIENT_DELETION_CERTIFICATE,
        parameters={
            "link": offboarding_link(
                settings, offboarding_id=offboarding.id, document="certificate"
            )
        },
        tenant_id=offboarding.tenant_id,
    )
    await session.execute(
        update(ExportArchive)
        .where(
            ExportArchive.request_id == offboarding.export_request_id,
            ExportArchive.purged_at.is_(None),
        )
        .values(content=None, purged_at=now)
    )
    await drop_parts(session, request_id=offboarding.export_request_id)
    await audit_step(
        session,
        offboarding=offboarding,
        action="offboarding.erasure_announced",
        request_id=offboarding.erasure_request_id,
        now=now,
    )


async def ask_erasure(
    session: AsyncSession, *, offboarding: ClientOffboarding, now: datetime
) -> None:
    """Asks every data service to erase the client (again, when one has not answered)."""
    offboarding.state = OffboardingState.ERASING
    offboarding.erasure_asked_at = now
    offboarding.erasure_attempts += 1
    await publish(
        session,
        TenantErasureRequested(
            request_id=offboarding.erasure_request_id, tenant_id=offboarding.tenant_id
        ),
        tenant_id=offboarding.tenant_id,
    )
    await audit_step(
        session,
        offboarding=offboarding,
        action="offboarding.erasure_requested",
        request_id=offboarding.erasure_request_id,
        now=now,
        attempt=offboarding.erasure_attempts,
    )


async def take_erasure_receipt(
    session: AsyncSession,
    *,
    offboarding: ClientOffboarding,
    reply: TenantErased,
    settings: Settings,
    now: datetime,
) -> bool:
    """Verifies and keeps the service's receipt; issues the certificate once every service's
    is in. True when the certificate was issued now. A receipt signed with a key privacy has
    not learnt yet raises ``UnknownReceiptKey`` (the message is retried)."""
    if OffboardingState(offboarding.state) is not OffboardingState.ERASING:
        return False
    try:
        await accept_tenant_receipt(
            session, offboarding=offboarding, receipt=reply.receipt, now=now
        )
    except UnknownReceiptKey:
        raise
    except ReceiptRejected as rejected:
        _log.warning("offboarding receipt rejected: %s", rejected)
        return False
    receipts = await erasure_receipts(session, offboarding=offboarding)
    if not every_service_answered(receipts):
        return False
    await _certify(session, offboarding=offboarding, settings=settings, now=now)
    return True


async def _certify(
    session: AsyncSession, *, offboarding: ClientOffboarding, settings: Settings, now: datetime
) -> None:
    backups = await last_backup_expiry(session, erased_at=now)
    await audit_step(
        session,
        offboarding=offboarding,
        action="offboarding.certified",
        request_id=offboarding.erasure_request_id,
        now=now,
        last_backup_expires_at=backups.expires_at.isoformat() if backups.expires_at else None,
    )
    offboarding.certificate = await certificate_of_deletion(
        session,
        offboarding=offboarding,
        organisation_sha256=offboarding.organisation_sha256,
        backups=backups,
        now=now,
    )
    offboarding.state = OffboardingState.ERASED
    offboarding.erased_at = now
    offboarding.last_backup_expires_at = backups.expires_at
    offboarding.requested_by_user_id = None
    await forget_client_emails(session, offboarding=offboarding)
    await forget_acceptances(session, tenant_id=offboarding.tenant_id)
    await forget_client_users(session, tenant_id=offboarding.tenant_id)
    await notify_group(
        session,
        group=privacy_officers(),
        template=NoticeTemplate.CLIENT_DELETION_CERTIFICATE,
        parameters={
            "link": f"{settings.public_base_url.rstrip('/')}/api/privacy/offboardings/"
            f"{offboarding.id}/certificate"
        },
    )


async def forget_client_emails(session: AsyncSession, *, offboarding: ClientOffboarding) -> int:
    """Privacy's own requests about the client's people keep only ``subject_ref`` and proofs."""
    forgotten = await session.execute(
        update(DataSubjectRequest)
        .where(DataSubjectRequest.tenant_id == offboarding.tenant_id)
        .values(email=None, corrected_email=None, corrected_name=None)
        .execution_options(synchronize_session=False)
    )
    return int(forgotten.rowcount)  # type: ignore[attr-defined]
