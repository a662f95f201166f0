"""Legal holds that stop a client's erasure (P14): any hold standing on the client or on one
of its people (privacy/holds)."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.holds.models import LegalHold


async def standing_hold_reason(session: AsyncSession, *, tenant_id: UUID) -> str | None:
    """The reason of the oldest hold standing on the client or one of its people, else None."""
    held = await session.scalar(
        select(LegalHold)
        .where(LegalHold.tenant_id == tenant_id, LegalHold.released_at.is_(None))
        .order_by(LegalHold.placed_at)
        .limit(1)
    )
    if held is None:
        return None
    whom = "the client" if held.subject_ref is None else "a person of the client"
    return f"legal hold on {whom} since {held.placed_at.date().isoformat()}: {held.reason}"[:500]
