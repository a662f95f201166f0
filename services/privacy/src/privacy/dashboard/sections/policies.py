"""Privacy policy versions (Q13): the one in effect and those announced, with acceptances."""

from datetime import datetime

from sqlalchemy import DateTime, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.dashboard.schemas import PoliciesSection, PolicyVersionFigures
from privacy.policies.models import PolicyAcceptance, PolicyVersion

V, A = PolicyVersion, PolicyAcceptance
UPCOMING_SHOWN = 5


async def policies_section(session: AsyncSession, *, now: datetime) -> PoliciesSection:
    """One query: the current version and the next upcoming ones, each with its count."""
    moment = literal(now, DateTime(timezone=True))
    live = V.withdrawn_at.is_(None)
    current_id = (
        select(V.id)
        .where(live, V.effective_at <= moment)
        .order_by(V.effective_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    acceptances = select(func.count()).where(A.version_id == V.id).scalar_subquery()
    rows = (
        await session.execute(
            select(
                V.id,
                V.label,
                V.effective_on,
                V.effective_at,
                acceptances.label("acceptances"),
            )
            .where(live, or_(V.effective_at > moment, V.id == current_id))
            .order_by(V.effective_at)
            .limit(UPCOMING_SHOWN + 1)
        )
    ).all()
    figures = [
        PolicyVersionFigures(
            id=row.id,
            label=row.label,
            effective_on=row.effective_on,
            effective_at=row.effective_at,
            acceptances=row.acceptances,
            link=f"/policies/{row.id}",
        )
        for row in rows
    ]
    current = figures[0] if figures and figures[0].effective_at <= now else None
    upcoming = figures[1:] if current else figures[:UPCOMING_SHOWN]
    return PoliciesSection(current=current, upcoming=upcoming, link="/policies")
