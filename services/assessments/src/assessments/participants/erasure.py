"""Removing participants: everything about them goes, choice answers stay anonymous."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.models import Answer
from assessments.assessments.models import AssessmentParticipant
from assessments.dispatches.models import AnswerToken, Dispatch
from assessments.groups.models import GroupMember
from assessments.participants.models import Participant
from assessments.questions.models import Question
from contracts.events.assessments import QuestionKind


def _rows(result: Any) -> int:
    return int(result.rowcount)


async def erase_participants(
    session: AsyncSession, *, tenant_id: UUID, participant_ids: Sequence[UUID]
) -> tuple[dict[str, int], dict[str, int]]:
    """(rows deleted, rows anonymised) per table, in the caller's transaction."""
    if not participant_ids:
        return {}, {}
    ids = list(participant_ids)
    dispatch_ids = select(Dispatch.id).where(
        Dispatch.tenant_id == tenant_id, Dispatch.participant_id.in_(ids)
    )
    theirs: ColumnElement[bool] = Answer.participant_id.in_(ids)
    free_text = or_(
        Answer.free_text.is_not(None),
        Answer.question_id.in_(
            select(Question.id).where(
                Question.tenant_id == tenant_id, Question.kind == QuestionKind.FREE_TEXT.value
            )
        ),
    )
    deleted = {
        "answer": _rows(
            await session.execute(
                delete(Answer).where(Answer.tenant_id == tenant_id, theirs, free_text)
            )
        )
    }
    anonymised = {
        "answer": _rows(
            await session.execute(
                update(Answer)
                .where(Answer.tenant_id == tenant_id, theirs)
                .values(
                    participant_id=None,
                    subject_ref=None,
                    dispatch_id=None,
                    answered_at=func.date_trunc("day", Answer.answered_at),
                )
            )
        )
    }
    deleted["answer_token"] = _rows(
        await session.execute(
            delete(AnswerToken).where(
                AnswerToken.tenant_id == tenant_id, AnswerToken.dispatch_id.in_(dispatch_ids)
            )
        )
    )
    deleted["dispatch"] = _rows(
        await session.execute(
            delete(Dispatch).where(
                Dispatch.tenant_id == tenant_id, Dispatch.participant_id.in_(ids)
            )
        )
    )
    deleted["group_member"] = _rows(
        await session.execute(
            delete(GroupMember).where(
                GroupMember.tenant_id == tenant_id, GroupMember.participant_id.in_(ids)
            )
        )
    )
    deleted["assessment_participant"] = _rows(
        await session.execute(
            delete(AssessmentParticipant).where(
                AssessmentParticipant.tenant_id == tenant_id,
                AssessmentParticipant.participant_id.in_(ids),
            )
        )
    )
    deleted["participant"] = _rows(
        await session.execute(
            delete(Participant).where(Participant.tenant_id == tenant_id, Participant.id.in_(ids))
        )
    )
    return (
        {table: count for table, count in deleted.items() if count},
        {table: count for table, count in anonymised.items() if count},
    )


async def participant_ids_of(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str
) -> list[UUID]:
    return list(
        await session.scalars(
            select(Participant.id).where(
                Participant.tenant_id == tenant_id, Participant.subject_ref == subject_ref
            )
        )
    )
