"""Reading the per-person statistics."""

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts.models import DispatchFact
from analytics.paging import Paging
from analytics.participants.models import ParticipantStats
from analytics.participants.schemas import ParticipantStatistics
from analytics.ratios import ratio
from contracts.events.assessments import DispatchKind


async def participant_page(
    session: AsyncSession, *, tenant_id: UUID, paging: Paging
) -> tuple[list[ParticipantStatistics], int]:
    rows = list(
        await session.scalars(
            select(ParticipantStats)
            .where(ParticipantStats.tenant_id == tenant_id)
            .order_by(ParticipantStats.subject_ref)
            .limit(paging.page_size)
            .offset(paging.offset)
        )
    )
    total = await session.scalar(
        select(func.count()).where(ParticipantStats.tenant_id == tenant_id)
    )
    return await _with_streaks(session, tenant_id, rows), int(total or 0)


async def participant_statistics(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str
) -> ParticipantStatistics | None:
    row = await session.get(ParticipantStats, (tenant_id, subject_ref))
    if row is None:
        return None
    [statistics] = await _with_streaks(session, tenant_id, [row])
    return statistics


async def _with_streaks(
    session: AsyncSession, tenant_id: UUID, rows: Sequence[ParticipantStats]
) -> list[ParticipantStatistics]:
    answered_in_order: defaultdict[str, list[bool]] = defaultdict(list)
    if rows:
        daily = await session.execute(
            select(DispatchFact.subject_ref, DispatchFact.answered)
            .where(
                DispatchFact.tenant_id == tenant_id,
                DispatchFact.subject_ref.in_([row.subject_ref for row in rows]),
                DispatchFact.kind == DispatchKind.DAILY_QUESTION.value,
                DispatchFact.created.is_(True),
            )
            .order_by(DispatchFact.dispatched_on.desc(), DispatchFact.dispatch_id.desc())
        )
        for subject_ref, answered in daily:
            if subject_ref is not None:
                answered_in_order[subject_ref].append(answered)
    return [
        ParticipantStatistics(
            subject_ref=row.subject_ref,
            answers=row.answers,
            graded_answers=row.graded_answers,
            correct_answers=row.correct_answers,
            score=ratio(row.correct_answers, row.graded_answers),
            daily_question_streak=streak(answered_in_order[row.subject_ref]),
            last_answered_at=row.last_answered_at,
        )
        for row in rows
    ]


def streak(answered_newest_first: Sequence[bool]) -> int:
    """Answered daily questions in a row from the newest; the newest, unanswered, is skipped."""
    remaining = list(answered_newest_first)
    if remaining and not remaining[0]:
        remaining = remaining[1:]
    count = 0
    for answered in remaining:
        if not answered:
            break
        count += 1
    return count
