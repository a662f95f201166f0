"""At most a few intakes per address per hour, counted by a keyed hash of the address."""

from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.keys import subject_ref_key
from privacy.intake.codes import address_hash
from privacy.intake.errors import TooManyIntakesError
from privacy.intake.models import IntakeSubmission
from privacy.settings import Settings

WINDOW: Final = timedelta(hours=1)


async def count_submission(
    session: AsyncSession, *, settings: Settings, email: str, now: datetime
) -> None:
    """Records one intake for ``email``; ``TooManyIntakesError`` when the hour's are used up."""
    hashed = address_hash(subject_ref_key(settings), email)
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"intake:{hashed}"}
    )
    recent = select(func.count(), func.min(IntakeSubmission.submitted_at)).where(
        IntakeSubmission.address_hash == hashed, IntakeSubmission.submitted_at > now - WINDOW
    )
    count, oldest = (await session.execute(recent)).one()
    limit = settings.requests.intakes_per_address_per_hour
    if count >= limit:
        wait = max(int((oldest + WINDOW - now).total_seconds()) + 1, 1)
        raise TooManyIntakesError(limit=limit, retry_after_seconds=wait)
    session.add(IntakeSubmission(address_hash=hashed, submitted_at=now))


async def forget_old_submissions(session: AsyncSession, *, now: datetime) -> int:
    result = await session.execute(
        delete(IntakeSubmission).where(IntakeSubmission.submitted_at <= now - WINDOW)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
