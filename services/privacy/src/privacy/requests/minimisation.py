"""Minimal data here (issue 8, point 10): a subject's email outlives their request only by
the grace period; afterwards the request keeps only ``subject_ref`` and its proofs."""

from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.requests.states import RequestState
from privacy.settings import Settings

BATCH = 500

R = DataSubjectRequest


async def forget_closed_emails(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Forgets the email (and corrected values) of requests closed longer than the grace
    period; how many requests."""
    awaiting_verify_after_delete = and_(
        R.state == RequestState.COMPLETED, R.request_type == RequestType.ERASURE
    )
    claimed = (
        select(R.id)
        .where(
            R.closed_at < now - settings.email_grace,
            ~awaiting_verify_after_delete,
            or_(
                R.email.is_not(None), R.corrected_email.is_not(None), R.corrected_name.is_not(None)
            ),
        )
        .order_by(R.closed_at)
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    )
    forgotten = await session.scalars(
        update(R)
        .where(R.id.in_(claimed.scalar_subquery()))
        .values(email=None, corrected_email=None, corrected_name=None)
        .returning(R.id)
        .execution_options(synchronize_session=False)
    )
    return len(forgotten.all())
