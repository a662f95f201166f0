"""Breaches not yet notified to the supervisory authority, on their 72-hour clock (Q10)."""

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import DateTime, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.breaches.deadline import deadline_of, hours_left
from privacy.breaches.models import Breach
from privacy.breaches.options import BreachOptions
from privacy.dashboard.schemas import BreachesSection, OpenBreach

MOST_URGENT = 5


async def breaches_section(
    session: AsyncSession, *, options: BreachOptions, now: datetime
) -> BreachesSection:
    """One query: the open breaches nearest their deadline, each row carrying the totals."""
    overdue_if_before = literal(
        now - timedelta(hours=options.authority_deadline_hours), DateTime(timezone=True)
    )
    rows = (
        await session.execute(
            select(
                Breach.id,
                Breach.reference,
                Breach.discovered_at,
                func.count().over().label("open"),
                func.count().filter(Breach.discovered_at < overdue_if_before).over().label("late"),
            )
            .where(Breach.authority_notified_at.is_(None))
            .order_by(Breach.discovered_at, Breach.id)
            .limit(MOST_URGENT)
        )
    ).all()
    return BreachesSection(
        open=rows[0].open if rows else 0,
        overdue=rows[0].late if rows else 0,
        deadline_hours=options.authority_deadline_hours,
        most_urgent=[
            _open_breach(row.id, row.reference, row.discovered_at, options, now) for row in rows
        ],
        link="/breaches?open=true",
    )


def _open_breach(
    breach_id: UUID, reference: str, discovered_at: datetime, options: BreachOptions, now: datetime
) -> OpenBreach:
    clocked = Breach(discovered_at=discovered_at, authority_notified_at=None)
    left = hours_left(clocked, options=options, now=now)
    return OpenBreach(
        id=breach_id,
        reference=reference,
        discovered_at=discovered_at,
        deadline=deadline_of(clocked, options=options),
        hours_left=left,
        overdue=left < 0,
        link=f"/breaches/{breach_id}",
    )
