from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.settings import Settings


async def erase_due_clients(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Starts the erasure of clients whose agreed date has come; how many."""
    return 0
