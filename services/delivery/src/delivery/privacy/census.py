"""How many distinct people delivery holds per client and category, for a breach's scale."""

from collections import defaultdict
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from delivery.messages.models import Message
from delivery.slack.models import SlackMember

SLACK_MEMBERS = "slack_members"
"""Members of the client's Slack workspace: Slack id and email."""
DELIVERY_LOG = "delivery_log"
"""People the delivery log still names (by ``subject_ref``)."""


async def count_people(
    session: AsyncSession, *, tenant_ids: list[UUID] | None
) -> dict[UUID, dict[str, int]]:
    queries: dict[str, Select[UUID | None, int]] = {
        SLACK_MEMBERS: select(
            SlackMember.tenant_id, func.count(func.distinct(SlackMember.subject_ref))
        ).group_by(SlackMember.tenant_id),
        DELIVERY_LOG: select(Message.tenant_id, func.count(func.distinct(Message.subject_ref)))
        .where(Message.tenant_id.is_not(None), Message.subject_ref.is_not(None))
        .group_by(Message.tenant_id),
    }
    counts: dict[UUID, dict[str, int]] = defaultdict(dict)
    for category, query in queries.items():
        if tenant_ids is not None:
            query = query.where(query.selected_columns[0].in_(tenant_ids))
        for tenant_id, people in (await session.execute(query)).all():
            if tenant_id is not None:
                counts[tenant_id][category] = int(people)
    return dict(counts)
