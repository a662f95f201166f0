"""How many distinct people assessments holds per client and category, for a breach's scale."""

from collections import defaultdict
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.models import Answer
from assessments.participants.models import Participant

PARTICIPANTS = "participants"
"""Participants' names, emails and languages, as the client gave them."""
PARTICIPANT_SLACK_IDS = "participant_slack_ids"
"""Participants linked to a Slack member."""
ANSWERS = "answers"
"""Participants with at least one answer that still points to them."""


async def count_people(
    session: AsyncSession, *, tenant_ids: list[UUID] | None
) -> dict[UUID, dict[str, int]]:
    queries: dict[str, Select[UUID | None, int]] = {
        PARTICIPANTS: select(Participant.tenant_id, func.count()).group_by(Participant.tenant_id),
        PARTICIPANT_SLACK_IDS: select(Participant.tenant_id, func.count())
        .where(Participant.slack_user_id.is_not(None))
        .group_by(Participant.tenant_id),
        ANSWERS: select(Answer.tenant_id, func.count(func.distinct(Answer.participant_id)))
        .where(Answer.participant_id.is_not(None))
        .group_by(Answer.tenant_id),
    }
    counts: dict[UUID, dict[str, int]] = defaultdict(dict)
    for category, query in queries.items():
        if tenant_ids is not None:
            tenant_column = query.selected_columns[0]
            query = query.where(tenant_column.in_(tenant_ids))
        for tenant_id, people in (await session.execute(query)).all():
            if tenant_id is not None:
                counts[tenant_id][category] = int(people)
    return dict(counts)
