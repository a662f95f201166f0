"""Facts per dispatch, stored once whatever the order in which events arrive (answers are
stored by ``facts.answers``).

Each function returns only what it stored, or turned true, for the first time: the running
totals add exactly that, so a fact counted once is never counted again.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import and_, delete, exists, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics import bulk
from analytics.database import table_of
from analytics.facts.models import (
    AnswerFact,
    AssessmentInfo,
    DeletedAnswers,
    DeletedAssessment,
    DispatchFact,
    QuestionInfo,
)
from contracts.events.assessments import (
    AssessmentPublished,
    DispatchCreated,
    QuestionPublished,
)

DeliveryFlag = Literal["sent", "delivered", "bounced", "suppressed"]
AssessmentKey = tuple[UUID, UUID]
"""(tenant_id, assessment_id)."""

_dispatch_fact = table_of(DispatchFact)


@dataclass(frozen=True)
class DispatchStatus:
    """A delivery status of a dispatch message."""

    tenant_id: UUID
    dispatch_id: UUID
    assessment_id: UUID
    subject_ref: str | None


async def deleted_assessments(
    session: AsyncSession, *, keys: set[AssessmentKey]
) -> set[AssessmentKey]:
    """Which of these assessments the client has deleted."""
    if not keys:
        return set()
    found = await session.execute(
        select(DeletedAssessment.tenant_id, DeletedAssessment.assessment_id).where(
            tuple_(DeletedAssessment.tenant_id, DeletedAssessment.assessment_id).in_(keys)
        )
    )
    return {(tenant_id, assessment_id) for tenant_id, assessment_id in found}


async def record_dispatches(
    session: AsyncSession, *, dispatches: Sequence[tuple[DispatchCreated, str | None]]
) -> Counter[AssessmentKey]:
    """Records created dispatches; counts, per assessment, those not recorded before."""
    rows = {
        (dispatch.tenant_id, dispatch.dispatch_id): {
            "tenant_id": dispatch.tenant_id,
            "dispatch_id": dispatch.dispatch_id,
            "assessment_id": dispatch.assessment_id,
            "question_id": dispatch.question_id,
            "kind": dispatch.kind.value,
            "subject_ref": subject_ref,
            "group_ids": dispatch.group_ids,
            "dispatched_on": dispatch.dispatched_on,
            "created": True,
        }
        for dispatch, subject_ref in dispatches
    }
    return await _turn_true(
        session,
        "created",
        rows,
        keep={"created", "question_id", "kind", "subject_ref", "group_ids", "dispatched_on"},
    )


async def record_statuses(
    session: AsyncSession, *, flag: DeliveryFlag, statuses: Sequence[DispatchStatus]
) -> Counter[AssessmentKey]:
    """Sets ``flag`` on the dispatches; counts, per assessment, those that did not have it."""
    rows: dict[tuple[UUID, UUID], dict[str, Any]] = {
        (status.tenant_id, status.dispatch_id): {
            "tenant_id": status.tenant_id,
            "dispatch_id": status.dispatch_id,
            "assessment_id": status.assessment_id,
            "subject_ref": status.subject_ref,
            "group_ids": [],
            flag: True,
        }
        for status in statuses
    }
    return await _turn_true(session, flag, rows, keep={flag})


async def _turn_true(
    session: AsyncSession,
    flag: str,
    rows: dict[tuple[UUID, UUID], dict[str, Any]],
    *,
    keep: set[str],
) -> Counter[AssessmentKey]:
    """Upserts the rows, updating ``keep`` where ``flag`` is still false; counts per
    assessment the rows where it turned true."""
    if not rows:
        return Counter()
    ordered = [rows[key] for key in sorted(rows, key=lambda key: (str(key[0]), str(key[1])))]
    columns = tuple(sorted(ordered[0]))
    turned = await session.execute(
        _turn_true_statement(flag, columns, tuple(sorted(keep))), bulk.rows(ordered)
    )
    return Counter((tenant_id, assessment_id) for tenant_id, assessment_id in turned)


@cache
def _turn_true_statement(flag: str, columns: tuple[str, ...], keep: tuple[str, ...]) -> Any:
    quote = bulk.quote
    updates = ", ".join(f"{quote(column)} = EXCLUDED.{quote(column)}" for column in keep)
    return text(
        f"{bulk.insert_rows(_dispatch_fact, columns)} "
        f"ON CONFLICT (tenant_id, dispatch_id) DO UPDATE SET {updates} "
        f"WHERE dispatch_fact.{quote(flag)} IS false "
        "RETURNING dispatch_fact.tenant_id, dispatch_fact.assessment_id"
    ).columns(_dispatch_fact.c.tenant_id, _dispatch_fact.c.assessment_id)


async def subjects_of_assessment(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> set[str]:
    found = await session.scalars(
        select(AnswerFact.subject_ref)
        .where(
            AnswerFact.tenant_id == tenant_id,
            AnswerFact.assessment_id == assessment_id,
            AnswerFact.subject_ref.is_not(None),
        )
        .distinct()
    )
    return {subject_ref for subject_ref in found if subject_ref is not None}


async def delete_assessment_facts(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> None:
    """Deletes the assessment's facts, and remembers it so that late events are ignored."""
    for model in (AnswerFact, DispatchFact, AssessmentInfo):
        await session.execute(
            delete(model).where(model.tenant_id == tenant_id, model.assessment_id == assessment_id)
        )
    await session.execute(
        insert(DeletedAssessment)
        .values(tenant_id=tenant_id, assessment_id=assessment_id)
        .on_conflict_do_nothing()
    )


async def delete_answer_facts(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID, answered_before: datetime
) -> list[int]:
    """Deletes the assessment's answers given before ``answered_before``, remembers the moment
    so that late events from before it are ignored, and marks unanswered the dispatches left
    with no answer. Returns the ``answer_fact`` ids that remain (answers given later)."""
    statement = insert(DeletedAnswers).values(
        tenant_id=tenant_id, assessment_id=assessment_id, answered_before=answered_before
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["tenant_id", "assessment_id"],
            set_={
                "answered_before": func.greatest(
                    DeletedAnswers.answered_before, statement.excluded.answered_before
                ),
                "deleted_at": func.now(),
            },
        )
    )
    in_assessment = (AnswerFact.tenant_id == tenant_id, AnswerFact.assessment_id == assessment_id)
    await session.execute(
        delete(AnswerFact).where(*in_assessment, AnswerFact.answered_at < answered_before)
    )
    await session.execute(
        update(DispatchFact)
        .where(
            DispatchFact.tenant_id == tenant_id,
            DispatchFact.assessment_id == assessment_id,
            DispatchFact.answered.is_(True),
            ~exists().where(
                and_(
                    AnswerFact.tenant_id == DispatchFact.tenant_id,
                    AnswerFact.dispatch_id == DispatchFact.dispatch_id,
                )
            ),
        )
        .values(answered=False)
    )
    return list(await session.scalars(select(AnswerFact.id).where(*in_assessment)))


async def remember_assessment(session: AsyncSession, *, published: AssessmentPublished) -> None:
    values = {"kind": published.kind.value, "question_ids": published.question_ids}
    await session.execute(
        insert(AssessmentInfo)
        .values(tenant_id=published.tenant_id, assessment_id=published.assessment_id, **values)
        .on_conflict_do_update(index_elements=["tenant_id", "assessment_id"], set_=values)
    )


async def remember_question(session: AsyncSession, *, published: QuestionPublished) -> None:
    values = {
        "kind": published.kind.value,
        "option_ids": [option.option_id for option in published.options],
        "correct_option_ids": [option.option_id for option in published.options if option.correct],
        "scale_minimum": published.scale.minimum if published.scale else None,
        "scale_maximum": published.scale.maximum if published.scale else None,
        "topics": published.topics,
    }
    await session.execute(
        insert(QuestionInfo)
        .values(tenant_id=published.tenant_id, question_id=published.question_id, **values)
        .on_conflict_do_update(index_elements=["tenant_id", "question_id"], set_=values)
    )
