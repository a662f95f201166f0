"""Reminders to participants who have not answered: after a while, at most a set number."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.assessments.models import Assessment
from assessments.dispatches.batch import load_context
from assessments.dispatches.issuing import IssuePolicy, Outgoing, contacts_for, send
from assessments.dispatches.models import ISSUED, Dispatch
from contracts.events.assessments import DispatchKind


async def remind_unanswered(
    session: AsyncSession, *, now: datetime, policy: IssuePolicy, limit: int
) -> int:
    """Claims up to ``limit`` dispatches due a reminder and reminds; returns how many."""
    hours = func.make_interval(0, 0, 0, 0, Assessment.reminder_after_hours)
    due = list(
        await session.scalars(
            select(Dispatch)
            .join(Assessment, Assessment.id == Dispatch.assessment_id)
            .where(
                Dispatch.status == ISSUED,
                Dispatch.answered_at.is_(None),
                Dispatch.answer_by > now,
                Assessment.reminder_after_hours.is_not(None),
                Dispatch.reminders_sent < Assessment.max_reminders,
                Dispatch.last_sent_at <= now - hours,
            )
            .order_by(Dispatch.last_sent_at)
            .limit(limit)
            .with_for_update(of=Dispatch, skip_locked=True)
        )
    )
    if not due:
        return 0
    context = await load_context(session, due)
    outgoing = Outgoing()
    for dispatch in due:
        dispatch.reminders_sent += 1
        dispatch.last_sent_at = now
        assessment = context.assessments[dispatch.assessment_id]
        participant = context.participants[dispatch.participant_id]
        contacts = contacts_for(assessment, participant)
        if context.is_restricted(participant) or contacts is None or dispatch.answer_by is None:
            continue
        send(
            outgoing,
            dispatch=dispatch,
            assessment=assessment,
            participant=participant,
            contacts=contacts,
            kind=DispatchKind.REMINDER,
            question=context.questions.get(dispatch.question_id) if dispatch.question_id else None,
            answer_by=dispatch.answer_by,
            now=now,
            public_base_url=policy.public_base_url,
        )
    await outgoing.write(session)
    return len(due)
