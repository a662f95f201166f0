from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit
from privacy.exports.models import ExportArchive, ExportPart
from privacy.requests.states import Actor
from privacy.settings import Settings


async def purge_expired_exports(session: AsyncSession, *, now: datetime, settings: Settings) -> int:
    """Deletes export archives whose link has expired (each purge audited), and parts of
    exports never finished that are older than the export window; how many of both."""
    purged = list(
        await session.scalars(
            update(ExportArchive)
            .where(ExportArchive.purged_at.is_(None), ExportArchive.expires_at <= now)
            .values(content=None, purged_at=now)
            .returning(ExportArchive.request_id)
        )
    )
    for request_id in purged:
        await append_audit(
            session,
            action="export.purged",
            actor=Actor.SYSTEM,
            at=now,
            request_id=request_id,
            details={},
        )
    window = timedelta(days=settings.requests.export_link_days)
    strays = await session.execute(delete(ExportPart).where(ExportPart.received_at < now - window))
    return len(purged) + int(strays.rowcount)  # type: ignore[attr-defined]
