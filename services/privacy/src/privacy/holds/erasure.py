"""Whether a legal hold stops an erasure request (P14, GDPR art. 17(3)(e))."""

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.holds.models import LegalHold
from privacy.holds.service import hold_over
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.saga.plan import subject_of
from privacy.settings import Settings


async def hold_blocking_erasure(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings
) -> LegalHold | None:
    """The standing hold on the erasure's client or person; None for other requests, or
    when nothing of theirs is held."""
    if request.request_type != RequestType.ERASURE or request.tenant_id is None:
        return None
    subject = subject_of(request, settings)
    return await hold_over(
        session,
        tenant_id=request.tenant_id,
        subject_ref=None if subject is None else subject.subject_ref,
    )
