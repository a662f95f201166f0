"""The whole-client export of an offboarding (P12): asked of every data service, assembled
into a ZIP like a subject's export (privacy/exports), offered to the client's admins."""

import hashlib
from datetime import datetime

from pydantic import JsonValue
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import TenantExportRequested
from contracts.events.privacy_replies import TenantExported
from contracts.vocabulary import DataService
from privacy.exports.archive import export_zip
from privacy.exports.models import ExportArchive, ExportPart
from privacy.exports.service import collected_parts, drop_parts, store_export_part
from privacy.notices import client_admins, notify_group
from privacy.offboarding.audit_step import audit_step
from privacy.offboarding.certificate import REQUEST_TYPE, organisation_digest
from privacy.offboarding.links import offboarding_link
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.settings import Settings


async def ask_export(session: AsyncSession, *, offboarding: ClientOffboarding) -> None:
    await publish(
        session,
        TenantExportRequested(
            request_id=offboarding.export_request_id, tenant_id=offboarding.tenant_id
        ),
        tenant_id=offboarding.tenant_id,
    )


async def take_export_part(
    session: AsyncSession,
    *,
    offboarding: ClientOffboarding,
    reply: TenantExported,
    settings: Settings,
    now: datetime,
) -> bool:
    """Keeps one service's part; once every service's parts are in, builds the ZIP and offers
    it. True when it was offered now."""
    await store_export_part(
        session,
        request_id=offboarding.export_request_id,
        service=DataService(reply.service),
        part=reply.part,
        total_parts=reply.total_parts,
        categories=dict(reply.categories),
    )
    if not await _every_service_in(session, offboarding=offboarding):
        return False
    await _offer(session, offboarding=offboarding, settings=settings, now=now)
    return True


async def _every_service_in(session: AsyncSession, *, offboarding: ClientOffboarding) -> bool:
    counted = await session.execute(
        select(ExportPart.service, func.count(), func.max(ExportPart.total_parts))
        .where(ExportPart.request_id == offboarding.export_request_id)
        .group_by(ExportPart.service)
    )
    complete = {service for service, count, total in counted.all() if count >= total}
    return complete >= {service.value for service in DataService}


async def _offer(
    session: AsyncSession, *, offboarding: ClientOffboarding, settings: Settings, now: datetime
) -> None:
    slices = await collected_parts(session, request_id=offboarding.export_request_id)
    offboarding.organisation_sha256 = _organisation_sha256(offboarding, slices)
    content = export_zip(
        reference=offboarding.reference,
        request_type=REQUEST_TYPE,
        created_at=now,
        slices=slices,
    )
    offboarding.erase_on = max(offboarding.erase_on, now)
    offboarding.export_offered_at = now
    offboarding.state = OffboardingState.OFFERED
    archive = await store_archive(session, offboarding=offboarding, content=content, now=now)
    await drop_parts(session, request_id=offboarding.export_request_id)
    await audit_step(
        session,
        offboarding=offboarding,
        action="offboarding.export_offered",
        request_id=offboarding.export_request_id,
        now=now,
        services=sorted(slices),
        sha256=archive.sha256,
        size_bytes=archive.size_bytes,
        erase_on=offboarding.erase_on.isoformat(),
    )
    await notify_group(
        session,
        group=client_admins(offboarding.tenant_id),
        template=NoticeTemplate.CLIENT_EXPORT_OFFERED,
        parameters={
            "link": offboarding_link(settings, offboarding_id=offboarding.id, document="export"),
            "expires_on": offboarding.erase_on.date().isoformat(),
        },
        tenant_id=offboarding.tenant_id,
    )


async def store_archive(
    session: AsyncSession, *, offboarding: ClientOffboarding, content: bytes, now: datetime
) -> ExportArchive:
    """The ZIP, kept until the client is erased (its ``expires_at`` follows the agreed date)."""
    values = {
        "content": content,
        "sha256": hashlib.sha256(content).hexdigest(),
        "size_bytes": len(content),
        "created_at": now,
        "expires_at": offboarding.erase_on,
        "purged_at": None,
    }
    await session.execute(
        insert(ExportArchive)
        .values(request_id=offboarding.export_request_id, **values)
        .on_conflict_do_update(index_elements=[ExportArchive.request_id], set_=values)
    )
    archive = await session.get(ExportArchive, offboarding.export_request_id)
    assert archive is not None
    return archive


def _organisation_sha256(
    offboarding: ClientOffboarding, slices: dict[str, dict[str, JsonValue]]
) -> str | None:
    client = slices.get(DataService.ACCOUNTS.value, {}).get("client")
    if not isinstance(client, dict):
        return None
    name = client.get("organisation_name")
    if not isinstance(name, str):
        return None
    return organisation_digest(tenant_id=str(offboarding.tenant_id), organisation_name=name)
