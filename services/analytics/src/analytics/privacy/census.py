"""How many distinct people analytics' per-person statistics name per client (by
``subject_ref`` only), for a breach's scale."""

from uuid import UUID

from sqlalchemy import func, select, true, union
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts.models import AnswerFact, DispatchFact
from analytics.participants.models import ParticipantStats

PER_PERSON_STATISTICS = "per_person_statistics"
"""People the pseudonymous statistics still point to."""


async def count_people(
    session: AsyncSession, *, tenant_ids: list[UUID] | None
) -> dict[UUID, dict[str, int]]:
    people = union(
        *(
            select(table.tenant_id, table.subject_ref).where(
                table.subject_ref.is_not(None),
                table.tenant_id.in_(tenant_ids) if tenant_ids is not None else true(),
            )
            for table in (ParticipantStats, DispatchFact, AnswerFact)
        )
    ).subquery()
    query = select(people.c.tenant_id, func.count()).group_by(people.c.tenant_id)
    return {
        tenant_id: {PER_PERSON_STATISTICS: int(count)}
        for tenant_id, count in (await session.execute(query)).all()
    }
