from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.requests.models import DataSubjectRequest
from privacy.settings import Settings


async def start_saga(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    """Starts an approved request's jobs, one per data service (not before ``starts_after``:
    the scheduler starts it then). The caller commits."""
    raise NotImplementedError("saga: being built")
