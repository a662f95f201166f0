"""Adding newly stored answers to each person's totals."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.database import table_of
from analytics.facts.models import AnswerFact
from analytics.facts.service import StoredAnswer
from analytics.participants.models import ParticipantStats

_participant_stats = table_of(ParticipantStats)


async def count_answers(session: AsyncSession, *, answers: Sequence[StoredAnswer]) -> None:
    """Adds the answers of identifiable people to their totals."""
    totals: dict[tuple[str, str], dict[str, Any]] = {}
    for stored in answers:
        if stored.subject_ref is None:
            continue
        answer = stored.answer
        row = totals.setdefault(
            (str(answer.tenant_id), stored.subject_ref),
            {
                "tenant_id": answer.tenant_id,
                "subject_ref": stored.subject_ref,
                "answers": 0,
                "graded_answers": 0,
                "correct_answers": 0,
                "last_answered_at": answer.answered_at,
            },
        )
        row["answers"] += 1
        row["graded_answers"] += answer.correct is not None
        row["correct_answers"] += answer.correct is True
        row["last_answered_at"] = _later(row["last_answered_at"], answer.answered_at)
    if not totals:
        return
    statement = insert(_participant_stats)
    table, new = _participant_stats.c, statement.excluded
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["tenant_id", "subject_ref"],
            set_={
                "answers": table.answers + new.answers,
                "graded_answers": table.graded_answers + new.graded_answers,
                "correct_answers": table.correct_answers + new.correct_answers,
                "last_answered_at": func.greatest(table.last_answered_at, new.last_answered_at),
            },
        ),
        [totals[key] for key in sorted(totals)],
    )


def _later(first: datetime, second: datetime) -> datetime:
    return max(first, second)


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
