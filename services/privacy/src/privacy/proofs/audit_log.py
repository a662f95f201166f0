"""Reading the whole audit log: pages for the dashboard, and a walk that checks its chain."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.batches import audit_batches
from privacy.audit.chain import GENESIS_HASH, first_break
from privacy.audit.models import AuditEntry
from privacy.audit.service import audit_content


@dataclass(frozen=True)
class ChainVerification:
    intact: bool
    first_break: int | None
    entries: int


async def audit_page(
    session: AsyncSession, *, page: int, page_size: int
) -> tuple[list[dict[str, Any]], int]:
    """Entries newest first, as their hashed content; and how many there are."""
    total = await session.scalar(select(func.count()).select_from(AuditEntry))
    entries = await session.scalars(
        select(AuditEntry)
        .order_by(AuditEntry.seq.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return [audit_content(entry) for entry in entries], int(total or 0)


async def verify_audit_chain(session: AsyncSession) -> ChainVerification:
    """Walks every entry from the first: each must hash from its content and the previous
    entry's hash, starting at seq 1 from the genesis hash, with no seq missing."""
    previous: dict[str, Any] | None = None
    count = 0
    async for batch in audit_batches(session):
        broken = _first_break([previous, *batch]) if previous else _first_break(batch, start=True)
        if broken is not None:
            total = await session.scalar(select(func.count()).select_from(AuditEntry))
            return ChainVerification(intact=False, first_break=broken, entries=int(total or 0))
        count += len(batch)
        previous = batch[-1]
    return ChainVerification(intact=True, first_break=None, entries=count)


def _first_break(entries: list[dict[str, Any]], *, start: bool = False) -> int | None:
    """``first_break``, and also a seq missing, or (at the ``start`` of the log) a first entry
    that is not seq 1 from the genesis hash."""
    first = entries[0]
    if start and (first["seq"] != 1 or first["previous_hash"] != GENESIS_HASH):
        return 1
    expected = first["seq"]
    for entry in entries:
        if entry["seq"] != expected:
            return int(expected)
        expected += 1
    return first_break(entries)
