import asyncio
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import groupby
from typing import Final
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.vocabulary import DataService
from privacy.audit.service import append_audit
from privacy.exports.archive import access_zip, export_zip, item_count, merge_parts
from privacy.exports.links import download_link, download_link_key
from privacy.exports.models import ExportArchive, ExportPart
from privacy.register.service import describe_processing
from privacy.requests.models import DataSubjectRequest, RequestType, SubjectKind
from privacy.requests.states import Actor
from privacy.settings import Settings

_BUILD_INLINE_ITEMS: Final = 500
"""Archives of more items than this are built in a worker thread, off the event loop."""


class ExportIncomplete(ValueError):  # noqa: N818 - says what is wrong with the export
    """A service's parts are not all in yet, or the request is not an export or access."""


async def store_export_part(
    session: AsyncSession,
    *,
    request_id: UUID,
    service: DataService,
    part: int,
    total_parts: int,
    categories: dict[str, JsonValue],
) -> bool:
    """Keeps one part of a service's export; True once that service's parts are all in."""
    # Parts of one service stored at once must not each miss the other's row in their count.
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"export_part:{request_id}:{service}"},
    )
    await session.execute(
        insert(ExportPart)
        .values(
            request_id=request_id,
            service=service,
            part=part,
            total_parts=total_parts,
            categories=categories,
        )
        .on_conflict_do_nothing(
            index_elements=[ExportPart.request_id, ExportPart.service, ExportPart.part]
        )
    )
    stored = await session.scalar(
        select(func.count()).where(
            ExportPart.request_id == request_id, ExportPart.service == service
        )
    )
    return int(stored or 0) >= total_parts


async def collected_parts(
    session: AsyncSession, *, request_id: UUID
) -> dict[str, dict[str, JsonValue]]:
    """Each service's parts joined into its categories (``ExportIncomplete`` when a service's
    parts are not all in)."""
    parts = list(
        await session.scalars(
            select(ExportPart)
            .where(ExportPart.request_id == request_id)
            .order_by(ExportPart.service, ExportPart.part)
        )
    )
    slices: dict[str, dict[str, JsonValue]] = {}
    for service, group in groupby(parts, key=lambda part: part.service):
        own = list(group)
        if len(own) != own[-1].total_parts:
            raise ExportIncomplete(f"{service} sent {len(own)} of {own[-1].total_parts} parts")
        slices[service] = merge_parts(_categories(part) for part in own)
    return slices


async def drop_parts(session: AsyncSession, *, request_id: UUID) -> None:
    await session.execute(delete(ExportPart).where(ExportPart.request_id == request_id))


async def finish_export(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> str:
    """Builds the request's ZIP (export) or report (access) from the stored parts, drops the
    parts, and returns the signed, expiring download link."""
    download_link_key(settings)  # an unset key fails before any work
    request_type = RequestType(request.request_type)
    if request_type not in (RequestType.EXPORT, RequestType.ACCESS):
        raise ExportIncomplete(f"a {request_type} request has no export")
    slices = await collected_parts(session, request_id=request.id)
    if request_type is RequestType.ACCESS:
        processing = await describe_processing(
            session, subject_kind=SubjectKind(request.subject_kind)
        )
        content = await _off_the_loop_if_large(
            slices,
            lambda: access_zip(
                reference=request.reference, created_at=now, slices=slices, processing=processing
            ),
        )
    else:
        content = await _off_the_loop_if_large(
            slices,
            lambda: export_zip(
                reference=request.reference,
                request_type=request_type,
                created_at=now,
                slices=slices,
            ),
        )
    expires_at = (now + timedelta(days=settings.requests.export_link_days)).replace(microsecond=0)
    digest = hashlib.sha256(content).hexdigest()
    values = {
        "content": content,
        "sha256": digest,
        "size_bytes": len(content),
        "created_at": now,
        "expires_at": expires_at,
        "purged_at": None,
    }
    await session.execute(
        insert(ExportArchive)
        .values(request_id=request.id, **values)
        .on_conflict_do_update(index_elements=[ExportArchive.request_id], set_=values)
    )
    await drop_parts(session, request_id=request.id)
    await append_audit(
        session,
        action="export.archived",
        actor=Actor.SYSTEM,
        at=now,
        request_id=request.id,
        details={
            "type": request_type,
            "services": sorted(slices),
            "sha256": digest,
            "size_bytes": len(content),
            "expires_at": expires_at.isoformat(),
        },
    )
    return download_link(settings, request_id=request.id, expires_at=expires_at)


async def download_link_for(
    session: AsyncSession, *, request_id: UUID, settings: Settings, now: datetime
) -> str | None:
    """The request's download link while its archive is there and unexpired, else None."""
    archive = await session.get(ExportArchive, request_id)
    if archive is None or archive.purged_at is not None or archive.expires_at <= now:
        return None
    return download_link(settings, request_id=request_id, expires_at=archive.expires_at)


async def _off_the_loop_if_large(
    slices: dict[str, dict[str, JsonValue]], build: Callable[[], bytes]
) -> bytes:
    items = sum(
        item_count(value) for categories in slices.values() for value in categories.values()
    )
    if items <= _BUILD_INLINE_ITEMS:
        return build()
    return await asyncio.to_thread(build)


def _categories(part: ExportPart) -> dict[str, JsonValue]:
    return part.categories
