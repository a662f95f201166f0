"""Adding newly stored answers to each person's totals."""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.database import table_of
from analytics.facts.models import AnswerFact
from analytics.participants.models import ParticipantStats

_participant_stats = table_of(ParticipantStats)


_COUNT_ANSWERS = text(
    """
    INSERT INTO participant_stats AS stats (
        tenant_id, subject_ref, answers, graded_answers, correct_answers, last_answered_at)
    SELECT tenant_id, subject_ref, count(*), count(correct), count(*) FILTER (WHERE correct),
        max(answered_at)
    FROM answer_fact
    WHERE id = ANY(CAST(:answer_ids AS bigint[])) AND subject_ref IS NOT NULL
    GROUP BY tenant_id, subject_ref
    ORDER BY tenant_id, subject_ref COLLATE "C"
    ON CONFLICT (tenant_id, subject_ref) DO UPDATE SET
        answers = stats.answers + EXCLUDED.answers,
        graded_answers = stats.graded_answers + EXCLUDED.graded_answers,
        correct_answers = stats.correct_answers + EXCLUDED.correct_answers,
        last_answered_at = greatest(stats.last_answered_at, EXCLUDED.last_answered_at)
    """
)


async def count_answers(session: AsyncSession, *, answer_ids: Sequence[int]) -> None:
    """Adds the answers stored now (``answer_fact`` ids) of identifiable people to their totals,
    people in key order."""
    if answer_ids:
        await session.execute(_COUNT_ANSWERS, {"answer_ids": list(answer_ids)})


async def recount_subjects(
    session: AsyncSession, *, tenant_id: UUID, subject_refs: set[str]
) -> None:
    """Counts these people's totals again from the answers stored now."""
    if not subject_refs:
        return
    about = (
        AnswerFact.tenant_id == tenant_id,
        AnswerFact.subject_ref.in_(sorted(subject_refs)),
    )
    await session.execute(
        delete(_participant_stats).where(
            _participant_stats.c.tenant_id == tenant_id,
            _participant_stats.c.subject_ref.in_(sorted(subject_refs)),
        )
    )
    totals = (
        select(
            AnswerFact.tenant_id,
            AnswerFact.subject_ref,
            func.count(),
            func.count(AnswerFact.correct),
            func.count().filter(AnswerFact.correct.is_(True)),
            func.max(AnswerFact.answered_at),
        )
        .where(*about)
        .group_by(AnswerFact.tenant_id, AnswerFact.subject_ref)
    )
    await session.execute(
        insert(_participant_stats).from_select(
            [
                "tenant_id",
                "subject_ref",
                "answers",
                "graded_answers",
                "correct_answers",
                "last_answered_at",
            ],
            totals,
        )
    )
