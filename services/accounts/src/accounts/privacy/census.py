"""How many distinct people accounts holds per client, for a breach's scale (Q10)."""

from collections import defaultdict
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.users.models import User

CLIENT_USERS = "client_users"
"""The client's users: their email (login), name and role."""


async def count_people(
    session: AsyncSession, *, tenant_ids: list[UUID] | None
) -> dict[UUID, dict[str, int]]:
    query = (
        select(User.tenant_id, func.count(func.distinct(User.subject_ref)))
        .where(User.tenant_id.is_not(None))
        .group_by(User.tenant_id)
    )
    if tenant_ids is not None:
        query = query.where(User.tenant_id.in_(tenant_ids))
    counts: dict[UUID, dict[str, int]] = defaultdict(dict)
    for tenant_id, people in (await session.execute(query)).all():
        if tenant_id is not None:
            counts[tenant_id][CLIENT_USERS] = int(people)
    return dict(counts)
