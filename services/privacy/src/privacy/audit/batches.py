"""The audit log read in order from seq 1, a batch at a time, to check its chain."""

from collections.abc import AsyncIterator
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.models import AuditEntry
from privacy.audit.service import audit_content

BATCH: Final = 2000


async def audit_batches(session: AsyncSession) -> AsyncIterator[list[dict[str, Any]]]:
    """Every entry's hashed content from seq 1 on, ``BATCH`` at a time; the session lets go of
    each batch's rows once read, so a long log never sits in memory."""
    after = 0
    while True:
        batch = [
            audit_content(entry)
            for entry in await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.seq > after)
                .order_by(AuditEntry.seq)
                .limit(BATCH)
            )
        ]
        session.expunge_all()
        if not batch:
            return
        yield batch
        after = batch[-1]["seq"]
