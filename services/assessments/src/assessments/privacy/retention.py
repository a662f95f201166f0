"""Retention (P17): answers, answer tokens and dispatches older than a cutoff go."""

from typing import Any, Final
from uuid import UUID

from sqlalchemy import ColumnElement, Select, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.models import Answer
from assessments.assessments.models import Assessment
from assessments.dispatches.models import AnswerToken, Dispatch
from assessments.participants.models import Participant
from chassis.privacy.participant import Erasure
from contracts.events.assessments import AssessmentKind
from contracts.events.privacy import RetentionAction, RetentionCategory, RetentionDue

_UNSYNCHRONISED: Final = {"synchronize_session": False}
"""Bulk statements over rows no session holds: without it, a subquery in the conditions makes
SQLAlchemy fetch every removed key back into Python (ten times the statement's own time)."""


def _tenant_scope(column: Any, due: RetentionDue) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if due.tenant_id is not None:
        conditions.append(column == due.tenant_id)
    if due.excluded_tenant_ids:
        conditions.append(column.not_in(due.excluded_tenant_ids))
    return conditions


def _held_participants(due: RetentionDue) -> Select[UUID]:
    return select(Participant.id).where(Participant.subject_ref.in_(due.excluded_subject_refs))


async def _count(session: AsyncSession, model: Any, conditions: list[ColumnElement[bool]]) -> int:
    return await session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def _rows(result: Any) -> int:
    return int(result.rowcount)


async def apply_retention(session: AsyncSession, *, due: RetentionDue) -> Erasure:
    if due.category is RetentionCategory.ANSWERS:
        return await _answers(session, due)
    if due.category is RetentionCategory.ANSWER_TOKENS:
        # A token expires with its dispatch: it goes once it expired before the cutoff.
        conditions = [
            AnswerToken.expires_at < due.cutoff,
            *_tenant_scope(AnswerToken.tenant_id, due),
        ]
        if due.excluded_subject_refs:
            conditions.append(
                AnswerToken.dispatch_id.not_in(
                    select(Dispatch.id).where(Dispatch.participant_id.in_(_held_participants(due)))
                )
            )
        return await _delete(session, AnswerToken, "answer_token", conditions, due)
    if due.category is RetentionCategory.DISPATCHES:
        conditions = [
            Dispatch.created_at < due.cutoff,
            Dispatch.assessment_id.not_in(_quizzes_still_open()),
            *_tenant_scope(Dispatch.tenant_id, due),
        ]
        if due.excluded_subject_refs:
            conditions.append(Dispatch.participant_id.not_in(_held_participants(due)))
        # Their tokens go with them: counted here, so the receipt states every row removed.
        of_dispatches: list[ColumnElement[bool]] = [
            AnswerToken.dispatch_id.in_(select(Dispatch.id).where(*conditions))
        ]
        tokens = await _delete(session, AnswerToken, "answer_token", of_dispatches, due)
        dispatches = await _delete(session, Dispatch, "dispatch", conditions, due)
        return Erasure(rows_deleted={**tokens.rows_deleted, **dispatches.rows_deleted})
    return Erasure()


def _quizzes_still_open() -> Select[UUID]:
    """A quiz still open keeps its dispatches, however old: the planner would send a missing
    one again."""
    return select(Assessment.id).where(
        Assessment.kind == AssessmentKind.QUIZ.value,
        or_(Assessment.closes_at.is_(None), Assessment.closes_at > func.now()),
    )


async def _delete(
    session: AsyncSession,
    model: Any,
    table: str,
    conditions: list[ColumnElement[bool]],
    due: RetentionDue,
) -> Erasure:
    if due.dry_run:
        count = await _count(session, model, conditions)
    else:
        deleting = delete(model).where(*conditions)
        count = _rows(await session.execute(deleting, execution_options=_UNSYNCHRONISED))
    return Erasure(rows_deleted={table: count} if count else {})


async def _answers(session: AsyncSession, due: RetentionDue) -> Erasure:
    """Delete: the answers go. Anonymise: choice answers stay with nothing pointing to a
    person; free text goes either way."""
    conditions = [Answer.answered_at < due.cutoff, *_tenant_scope(Answer.tenant_id, due)]
    if due.excluded_subject_refs:
        conditions.append(
            or_(Answer.subject_ref.is_(None), Answer.subject_ref.not_in(due.excluded_subject_refs))
        )
    if due.action is RetentionAction.DELETE:
        return await _delete(session, Answer, "answer", conditions, due)
    free_text = [*conditions, Answer.free_text.is_not(None)]
    personal = [*conditions, Answer.free_text.is_(None), Answer.subject_ref.is_not(None)]
    if due.dry_run:
        deleted = await _count(session, Answer, free_text)
        anonymised = await _count(session, Answer, personal)
    else:
        deleting = delete(Answer).where(*free_text)
        deleted = _rows(await session.execute(deleting, execution_options=_UNSYNCHRONISED))
        anonymised = _rows(
            await session.execute(
                update(Answer)
                .where(*personal)
                .values(participant_id=None, subject_ref=None, dispatch_id=None),
                execution_options=_UNSYNCHRONISED,
            )
        )
    return Erasure(
        rows_deleted={"answer": deleted} if deleted else {},
        rows_anonymised={"answer": anonymised} if anonymised else {},
    )
