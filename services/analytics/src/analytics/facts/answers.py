"""A batch of answers stored in one statement: what the gate admits, once per (dispatch,
question), and their dispatches marked answered.

The batch travels as one JSON document. Within it the earliest answer to a question of a
dispatch wins; an answer already stored wins over the batch. People erased here, assessments
deleted and answers given before the client deleted their assessment's answers are left out;
restricted people's answers are stored without them.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import TypeAdapter
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts.service import AssessmentKey
from contracts.events.assessments import AnswerSubmitted

_as_json = TypeAdapter(list[AnswerSubmitted])
_LEFT_OUT = {"__all__": {"reveal"}}

_STORE = text(
    """
    WITH incoming AS (
        SELECT *
        FROM ROWS FROM (
            jsonb_to_recordset(CAST(CAST(:answers AS text) AS jsonb)) AS (
                tenant_id uuid, assessment_id uuid, question_id uuid, dispatch_id uuid,
                subject_ref text, chosen_option_ids uuid[], correct boolean,
                scale_value integer, free_text_given boolean, time_to_answer_ms bigint,
                answered_at timestamptz, answered_on date, topics text[], group_ids uuid[]
            )
        ) WITH ORDINALITY AS answer (
            tenant_id, assessment_id, question_id, dispatch_id, subject_ref, chosen_option_ids,
            correct, scale_value, free_text_given, time_to_answer_ms, answered_at, answered_on,
            topics, group_ids, arrival
        )
    ),
    first_of_each AS (
        SELECT DISTINCT ON (tenant_id, dispatch_id, question_id) *
        FROM incoming AS answer
        WHERE NOT EXISTS (
                SELECT FROM erased_subject AS erased
                WHERE erased.tenant_id = answer.tenant_id
                  AND erased.subject_ref = answer.subject_ref)
          AND NOT EXISTS (
                SELECT FROM deleted_assessment AS deleted
                WHERE deleted.tenant_id = answer.tenant_id
                  AND deleted.assessment_id = answer.assessment_id)
          AND NOT EXISTS (
                SELECT FROM deleted_answers AS removed
                WHERE removed.tenant_id = answer.tenant_id
                  AND removed.assessment_id = answer.assessment_id
                  AND answer.answered_at < removed.answered_before)
        ORDER BY tenant_id, dispatch_id, question_id, answered_at, arrival
    ),
    stored AS (
        INSERT INTO answer_fact (
            tenant_id, assessment_id, question_id, dispatch_id, subject_ref, chosen_option_ids,
            correct, scale_value, free_text_given, time_to_answer_ms, answered_at, answered_on,
            topics, group_ids)
        SELECT tenant_id, assessment_id, question_id, dispatch_id,
            CASE WHEN NOT EXISTS (
                SELECT FROM restricted_subject AS restricted
                WHERE restricted.tenant_id = answer.tenant_id
                  AND restricted.subject_ref = answer.subject_ref
            ) THEN subject_ref END,
            chosen_option_ids, correct, scale_value, free_text_given, time_to_answer_ms,
            answered_at, answered_on, topics, group_ids
        FROM first_of_each AS answer
        ORDER BY tenant_id, dispatch_id, question_id
        ON CONFLICT (tenant_id, dispatch_id, question_id) DO NOTHING
        RETURNING id, tenant_id, assessment_id, dispatch_id, subject_ref, group_ids
    ),
    answered AS (
        INSERT INTO dispatch_fact (
            tenant_id, dispatch_id, assessment_id, subject_ref, group_ids,
            created, sent, delivered, bounced, suppressed, answered)
        SELECT DISTINCT ON (tenant_id, dispatch_id)
            tenant_id, dispatch_id, assessment_id, subject_ref, group_ids,
            false, false, false, false, false, true
        FROM stored
        ORDER BY tenant_id, dispatch_id, id
        ON CONFLICT (tenant_id, dispatch_id) DO UPDATE SET answered = true
        WHERE dispatch_fact.answered IS false
        RETURNING tenant_id, assessment_id
    )
    SELECT ARRAY(SELECT id FROM stored) AS answer_ids,
        ARRAY(SELECT tenant_id FROM answered) AS answered_tenant_ids,
        ARRAY(SELECT assessment_id FROM answered) AS answered_assessment_ids
    """
)


@dataclass(frozen=True)
class StoredAnswers:
    answer_ids: list[int]
    """The ``answer_fact`` rows stored now: the totals add exactly these."""
    newly_answered: Counter[AssessmentKey]
    """Per assessment, the dispatches that had no answer before."""


async def store_answers(
    session: AsyncSession, *, answers: Sequence[AnswerSubmitted]
) -> StoredAnswers:
    """Stores the answers the gate admits; returns those stored for the first time.

    The caller holds the people's and assessments' locks (``subjects.hold``) already, so the
    statement sees any erasure, restriction or deletion that went before it.
    """
    if not answers:
        return StoredAnswers(answer_ids=[], newly_answered=Counter())
    found = await session.execute(
        _STORE, {"answers": _as_json.dump_json(list(answers), exclude=_LEFT_OUT).decode()}
    )
    answer_ids, tenant_ids, assessment_ids = found.one()
    return StoredAnswers(
        answer_ids=list(answer_ids),
        newly_answered=Counter(zip(tenant_ids, assessment_ids, strict=True)),
    )
