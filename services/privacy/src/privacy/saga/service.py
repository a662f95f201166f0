from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.requests.models import DataSubjectRequest
from privacy.settings import Settings


async def start_saga(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    """Starts an approved request's jobs, one per data service (not before ``starts_after``:
    the scheduler starts it then). The caller commits."""
    raise NotImplementedError("saga: being built")


async def retry_failed(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    """A failed request back in progress: only its jobs not done are sent again."""
    raise NotImplementedError("saga: being built")


async def jobs_for(session: AsyncSession, *, request_id: UUID) -> list[dict[str, object]]:
    """The request's jobs as JSON values for the API: service, step, status, attempts,
    next retry time, last error, receipt summary."""
    raise NotImplementedError("saga: being built")
