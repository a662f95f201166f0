from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.settings import Settings


async def escalate_due_breaches(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Emails privacy officers about breaches nearing the 72-hour deadline; how many."""
    return 0
