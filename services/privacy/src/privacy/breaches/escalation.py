from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import NoticeTemplate
from privacy.breaches.deadline import deadline_of, due_marks
from privacy.breaches.models import Breach
from privacy.notices import notify_group, privacy_officers
from privacy.settings import Settings


async def escalate_due_breaches(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Emails privacy officers about breaches nearing the 72-hour deadline; how many."""
    options = settings.breaches
    if not options.escalation_hours_left:
        return 0
    earliest_mark = timedelta(
        hours=options.authority_deadline_hours - options.escalation_hours_left[0]
    )
    candidates = await session.scalars(
        select(Breach)
        .where(Breach.authority_notified_at.is_(None), Breach.discovered_at <= now - earliest_mark)
        .order_by(Breach.discovered_at)
        .with_for_update(skip_locked=True)
    )
    escalated = 0
    for breach in candidates:
        marks = due_marks(breach, options=options, now=now)
        if not marks:
            continue
        deadline = deadline_of(breach, options=options).astimezone(UTC)
        # Marks passed together (the scheduler was away) make one email, not several.
        breach.escalated_marks = sorted({*breach.escalated_marks, *marks}, reverse=True)
        await notify_group(
            session,
            group=privacy_officers(),
            template=NoticeTemplate.BREACH_ESCALATION,
            parameters={
                "reference": breach.reference,
                "deadline": f"{deadline:%Y-%m-%d %H:%M} UTC",
                "link": f"{settings.public_base_url.rstrip('/')}/app/privacy/breaches/{breach.id}",
            },
        )
        escalated += 1
    return escalated
