"""Issuing planned dispatches: claimed with ``FOR UPDATE SKIP LOCKED``, so replicas share the
work and none issues a dispatch another holds. Each issued dispatch gets an answer token and
two events: ``dispatch.requested`` (for delivery, with contacts) and ``dispatch.created``
(for analytics, without)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.assessments.models import Assessment
from assessments.database import table_of
from assessments.dispatches.batch import BatchContext, load_context
from assessments.dispatches.models import (
    ISSUED,
    MISSED,
    PLANNED,
    RESTRICTED,
    UNREACHABLE,
    AnswerToken,
    Dispatch,
)
from assessments.dispatches.tokens import new_token
from assessments.participants.models import Participant
from chassis.messaging.outbox import add_to_outbox, new_envelope
from contracts.envelope import Envelope
from contracts.events.assessments import (
    DispatchContacts,
    DispatchCreated,
    DispatchKind,
    DispatchRequested,
    RenderedQuestion,
)
from contracts.vocabulary import Channel, SlackUser


@dataclass(frozen=True)
class IssuePolicy:
    scheduler_id: str
    public_base_url: str
    token_ttl: timedelta
    max_lateness: timedelta


@dataclass
class Outgoing:
    """Answer tokens and events of a batch, written in two statements at its end."""

    tokens: list[dict[str, Any]] = field(default_factory=list)
    envelopes: list[Envelope[Any]] = field(default_factory=list)

    async def write(self, session: AsyncSession) -> None:
        if self.tokens:
            await session.execute(insert(table_of(AnswerToken)), self.tokens)
        await add_to_outbox(session, *self.envelopes)


async def issue_planned(
    session: AsyncSession, *, now: datetime, policy: IssuePolicy, limit: int
) -> int:
    """Claims up to ``limit`` due planned dispatches and issues them; returns how many were
    claimed (issued, or closed as missed, restricted or unreachable)."""
    claimed = list(
        await session.scalars(
            select(Dispatch)
            .where(Dispatch.status == PLANNED, Dispatch.due_at <= now)
            .order_by(Dispatch.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not claimed:
        return 0
    context = await load_context(session, claimed)
    outgoing = Outgoing()
    for dispatch in claimed:
        _issue(dispatch, context=context, outgoing=outgoing, now=now, policy=policy)
    await outgoing.write(session)
    return len(claimed)


def _issue(
    dispatch: Dispatch,
    *,
    context: BatchContext,
    outgoing: Outgoing,
    now: datetime,
    policy: IssuePolicy,
) -> None:
    dispatch.issued_by = policy.scheduler_id
    assessment = context.assessments[dispatch.assessment_id]
    participant = context.participants[dispatch.participant_id]
    if _too_late(dispatch, assessment, now=now, max_lateness=policy.max_lateness):
        dispatch.status = MISSED
        return
    if context.is_restricted(participant):
        dispatch.status = RESTRICTED
        return
    contacts = contacts_for(assessment, participant)
    if contacts is None:
        dispatch.status = UNREACHABLE
        return
    answer_by = _answer_by(dispatch, assessment, now=now, ttl=policy.token_ttl)
    question = context.questions.get(dispatch.question_id) if dispatch.question_id else None
    send(
        outgoing,
        dispatch=dispatch,
        assessment=assessment,
        participant=participant,
        contacts=contacts,
        kind=DispatchKind(dispatch.kind),
        question=question,
        answer_by=answer_by,
        now=now,
        public_base_url=policy.public_base_url,
    )
    dispatch.status = ISSUED
    dispatch.issued_at = now
    dispatch.answer_by = answer_by
    dispatch.last_sent_at = now
    zone = context.preferences[dispatch.tenant_id].time_zone
    outgoing.envelopes.append(
        new_envelope(
            DispatchCreated(
                dispatch_id=dispatch.id,
                tenant_id=dispatch.tenant_id,
                assessment_id=dispatch.assessment_id,
                question_id=dispatch.question_id,
                kind=DispatchKind(dispatch.kind),
                subject_ref=participant.subject_ref,
                group_ids=sorted(context.group_ids.get(participant.id, [])),
                dispatched_on=now.astimezone(zone).date(),
            )
        )
    )


def _too_late(
    dispatch: Dispatch, assessment: Assessment, *, now: datetime, max_lateness: timedelta
) -> bool:
    if dispatch.kind == DispatchKind.QUIZ_INVITATION.value:
        return assessment.closes_at is None or now >= assessment.closes_at
    return now - dispatch.due_at > max_lateness


def _answer_by(
    dispatch: Dispatch, assessment: Assessment, *, now: datetime, ttl: timedelta
) -> datetime:
    if dispatch.kind == DispatchKind.QUIZ_INVITATION.value and assessment.closes_at is not None:
        return assessment.closes_at
    return now + ttl


def contacts_for(assessment: Assessment, participant: Participant) -> DispatchContacts | None:
    """The participant's contact on each channel the assessment allows; None when none."""
    email = None
    wants_email = Channel.EMAIL.value in assessment.channels or assessment.email_fallback
    if wants_email and not participant.email_unsubscribed:
        email = participant.email
    slack = None
    if (
        Channel.SLACK.value in assessment.channels
        and participant.slack_team_id is not None
        and participant.slack_user_id is not None
    ):
        slack = SlackUser(team_id=participant.slack_team_id, user_id=participant.slack_user_id)
    if email is None and slack is None:
        return None
    return DispatchContacts(email=email, slack=slack)


def send(
    outgoing: Outgoing,
    *,
    dispatch: Dispatch,
    assessment: Assessment,
    participant: Participant,
    contacts: DispatchContacts,
    kind: DispatchKind,
    question: RenderedQuestion | None,
    answer_by: datetime,
    now: datetime,
    public_base_url: str,
) -> None:
    """A fresh answer token and ``dispatch.requested`` (an invitation, a question or a
    reminder)."""
    token, hashed = new_token()
    outgoing.tokens.append(
        {
            "token_hash": hashed,
            "tenant_id": dispatch.tenant_id,
            "dispatch_id": dispatch.id,
            "expires_at": answer_by,
            "created_at": now,
        }
    )
    outgoing.envelopes.append(
        new_envelope(
            DispatchRequested(
                dispatch_id=dispatch.id,
                tenant_id=dispatch.tenant_id,
                assessment_id=dispatch.assessment_id,
                kind=kind,
                subject_ref=participant.subject_ref,
                language=participant.language,
                contacts=contacts,
                email_fallback=assessment.email_fallback and contacts.email is not None,
                title=assessment.title,
                question=question,
                answer_url=f"{public_base_url.rstrip('/')}/a/{token}",
                answer_by=answer_by,
            )
        )
    )
