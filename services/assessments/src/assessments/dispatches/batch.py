"""What issuing a batch of dispatches needs, loaded in a few queries for the whole batch."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.assessments.models import Assessment
from assessments.client_settings.service import ClientPreferences, preferences_of_many
from assessments.dispatches.models import Dispatch
from assessments.dispatches.rendering import rendered
from assessments.groups.models import GroupMember
from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction
from assessments.questions.models import Question
from assessments.questions.service import options_of
from contracts.events.assessments import RenderedQuestion


@dataclass(frozen=True)
class BatchContext:
    assessments: dict[UUID, Assessment]
    participants: dict[UUID, Participant]
    restricted: set[tuple[UUID, str]]
    group_ids: dict[UUID, list[UUID]]
    questions: dict[UUID, RenderedQuestion]
    preferences: dict[UUID, ClientPreferences]

    def is_restricted(self, participant: Participant) -> bool:
        return (participant.tenant_id, participant.subject_ref) in self.restricted


async def load_context(session: AsyncSession, dispatches: Sequence[Dispatch]) -> BatchContext:
    assessment_ids = {dispatch.assessment_id for dispatch in dispatches}
    participant_ids = {dispatch.participant_id for dispatch in dispatches}
    question_ids = {dispatch.question_id for dispatch in dispatches if dispatch.question_id}
    assessments = {
        a.id: a
        for a in await session.scalars(select(Assessment).where(Assessment.id.in_(assessment_ids)))
    }
    participants = {
        p.id: p
        for p in await session.scalars(
            select(Participant).where(Participant.id.in_(participant_ids))
        )
    }
    keys = {(p.tenant_id, p.subject_ref) for p in participants.values()}
    restricted: set[tuple[UUID, str]] = set()
    if keys:
        found = await session.execute(
            select(SubjectRestriction.tenant_id, SubjectRestriction.subject_ref).where(
                tuple_(SubjectRestriction.tenant_id, SubjectRestriction.subject_ref).in_(keys)
            )
        )
        restricted = {(tenant_id, subject_ref) for tenant_id, subject_ref in found.all()}
    group_ids: dict[UUID, list[UUID]] = defaultdict(list)
    for participant_id, group_id in (
        await session.execute(
            select(GroupMember.participant_id, GroupMember.group_id).where(
                GroupMember.participant_id.in_(participant_ids)
            )
        )
    ).all():
        group_ids[participant_id].append(group_id)
    questions: dict[UUID, RenderedQuestion] = {}
    if question_ids:
        options = await options_of(session, list(question_ids))
        for question in await session.scalars(
            select(Question).where(Question.id.in_(question_ids))
        ):
            questions[question.id] = rendered(question, options[question.id])
    preferences = await preferences_of_many(
        session, tenant_ids={dispatch.tenant_id for dispatch in dispatches}
    )
    return BatchContext(assessments, participants, restricted, group_ids, questions, preferences)
