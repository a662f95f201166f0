"""Legal holds standing now (P14)."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.dashboard.schemas import HoldsSection, NewestHold
from privacy.holds.models import LegalHold

H = LegalHold


async def holds_section(session: AsyncSession) -> HoldsSection:
    """One query: the newest standing hold, carrying the totals."""
    on_client = H.subject_ref.is_(None)
    row = (
        await session.execute(
            select(
                H.id,
                H.tenant_id,
                H.placed_at,
                on_client.label("on_client"),
                func.count().over().label("active"),
                func.count().filter(on_client).over().label("on_clients"),
            )
            .where(H.released_at.is_(None))
            .order_by(H.placed_at.desc(), H.id.desc())
            .limit(1)
        )
    ).one_or_none()
    if row is None:
        return HoldsSection(active=0, on_clients=0, on_people=0, newest=None, link=_LINK)
    return HoldsSection(
        active=row.active,
        on_clients=row.on_clients,
        on_people=row.active - row.on_clients,
        newest=NewestHold(
            id=row.id,
            tenant_id=row.tenant_id,
            scope="client" if row.on_client else "person",
            placed_at=row.placed_at,
            link=f"/holds/{row.id}",
        ),
        link=_LINK,
    )


_LINK = "/holds?active=true"
