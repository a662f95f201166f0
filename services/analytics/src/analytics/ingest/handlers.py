"""The events analytics consumes, turned into facts and running totals.

Every batch first holds shared locks on the people and assessments it is about, then drops
what concerns someone erased or removed or an assessment deleted, and keeps restricted
people off per-person rows (answers: in the statement that stores them). Facts are stored
once (keyed by dispatch, and by question for answers); the totals add only what was stored,
or turned true, for the first time.
"""

from collections.abc import Sequence
from typing import Any, cast
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.assessments import counting as assessment_counting
from analytics.facts import service as facts
from analytics.facts.answers import store_answers
from analytics.facts.service import DeliveryFlag, DispatchStatus
from analytics.ingest.gate import About, Gate, gate_for
from analytics.participants import counting as participant_counting
from analytics.subjects import service as subjects
from analytics.trends import counting as trend_counting
from chassis.messaging.inbox import remember_erasure
from chassis.messaging.subscription import Subscription
from chassis.privacy.messaging_rows import erase_subject_messages
from contracts.envelope import Envelope
from contracts.events import assessments, delivery
from contracts.events.assessments import (
    AnswerSubmitted,
    AssessmentAnswersDeleted,
    AssessmentDeleted,
    AssessmentPublished,
    DispatchCreated,
    ParticipantRemoved,
    QuestionPublished,
)
from contracts.events.delivery import DispatchMessage, MessageStatus
from contracts.events.privacy_replies import reply_events
from contracts.vocabulary import DataService

statistics = Subscription(service="analytics", name="statistics")

DELIVERY_FLAGS: dict[str, DeliveryFlag] = {
    delivery.MESSAGE_SENT: "sent",
    delivery.MESSAGE_DELIVERED: "delivered",
    delivery.MESSAGE_BOUNCED: "bounced",
    delivery.MESSAGE_SUPPRESSED: "suppressed",
}


async def _gate(session: AsyncSession, events: Sequence[About]) -> Gate:
    await subjects.hold(session, _locks(events))
    return await gate_for(session, events)


def _locks(events: Sequence[About]) -> set[str]:
    return {
        *(subjects.subject_lock(about.tenant_id, about.subject_ref) for about in events),
        *(subjects.assessment_lock(about.tenant_id, about.assessment_id) for about in events),
    }


@statistics.on_batch(assessments.ANSWER_SUBMITTED)
async def count_answers(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """Set-based: the gate and the facts in one statement, then the totals grown from the
    answers stored now in one statement per read model."""
    answers = [cast(AnswerSubmitted, envelope.data) for envelope in envelopes]
    await subjects.hold(
        session, _locks([About(a.tenant_id, a.assessment_id, a.subject_ref) for a in answers])
    )
    stored = await store_answers(session, answers=answers)
    if not stored.answer_ids:
        return
    await participant_counting.count_answers(session, answer_ids=stored.answer_ids)
    # The totals every batch of an assessment adds to come last: their rows stay locked
    # until the commit, and concurrent batches wait for them.
    await trend_counting.count_answers(session, answer_ids=stored.answer_ids)
    await assessment_counting.count_answers(
        session, answer_ids=stored.answer_ids, newly_answered=stored.newly_answered
    )


@statistics.on_batch(assessments.DISPATCH_CREATED)
async def count_dispatches(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    dispatches = [cast(DispatchCreated, envelope.data) for envelope in envelopes]
    about = [About(d.tenant_id, d.assessment_id, d.subject_ref) for d in dispatches]
    gate = await _gate(session, about)
    created = await facts.record_dispatches(
        session,
        dispatches=[
            (dispatch, gate.subject_ref_to_keep(event))
            for dispatch, event in zip(dispatches, about, strict=True)
            if gate.admits(event)
        ],
    )
    await assessment_counting.add_to_assessments(session, column="dispatched", counts=created)


@statistics.on_batch(*DELIVERY_FLAGS)
async def count_delivery_statuses(
    session: AsyncSession, envelopes: Sequence[Envelope[Any]]
) -> None:
    """Statuses of dispatch messages (notices are not statistics); one type per call."""
    flag = DELIVERY_FLAGS[envelopes[0].type]
    statuses: list[tuple[About, UUID]] = []
    for envelope in envelopes:
        status = cast(MessageStatus, envelope.data)
        message = status.message
        if isinstance(message, DispatchMessage) and status.tenant_id is not None:
            about = About(status.tenant_id, message.assessment_id, message.subject_ref)
            statuses.append((about, message.dispatch_id))
    if not statuses:
        return
    gate = await _gate(session, [about for about, _ in statuses])
    changed = await facts.record_statuses(
        session,
        flag=flag,
        statuses=[
            DispatchStatus(
                tenant_id=about.tenant_id,
                dispatch_id=dispatch_id,
                assessment_id=about.assessment_id,
                subject_ref=gate.subject_ref_to_keep(about),
            )
            for about, dispatch_id in statuses
            if gate.admits(about)
        ],
    )
    await assessment_counting.add_to_assessments(session, column=flag, counts=changed)


@statistics.on(assessments.ASSESSMENT_PUBLISHED)
async def remember_assessment(session: AsyncSession, envelope: Envelope[Any]) -> None:
    published = cast(AssessmentPublished, envelope.data)
    key = (published.tenant_id, published.assessment_id)
    if not await facts.deleted_assessments(session, keys={key}):
        await facts.remember_assessment(session, published=published)


@statistics.on(assessments.QUESTION_PUBLISHED)
async def remember_question(session: AsyncSession, envelope: Envelope[Any]) -> None:
    await facts.remember_question(session, published=cast(QuestionPublished, envelope.data))


@statistics.on(assessments.ASSESSMENT_DELETED)
async def forget_assessment(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Drops the assessment's rows; per-person and trend totals are counted again without it."""
    deleted = cast(AssessmentDeleted, envelope.data)
    tenant_id, assessment_id = deleted.tenant_id, deleted.assessment_id
    await subjects.hold(
        session, [subjects.assessment_lock(tenant_id, assessment_id)], exclusive=True
    )
    people = await facts.subjects_of_assessment(
        session, tenant_id=tenant_id, assessment_id=assessment_id
    )
    cells = await trend_counting.cells_of_assessment(
        session, tenant_id=tenant_id, assessment_id=assessment_id
    )
    await facts.delete_assessment_facts(session, tenant_id=tenant_id, assessment_id=assessment_id)
    await assessment_counting.delete_assessment_totals(
        session, tenant_id=tenant_id, assessment_id=assessment_id
    )
    await participant_counting.recount_subjects(session, tenant_id=tenant_id, subject_refs=people)
    await trend_counting.recount_cells(session, cells=cells)


@statistics.on(assessments.ASSESSMENT_ANSWERS_DELETED)
async def forget_answers(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """The client deleted the assessment's answers (P13): they go now, with every total counted
    from them (the assessment's, its questions', the people's and the trend's); the assessment,
    its questions and its dispatches stay. Late answers from before the deletion are ignored."""
    deleted = cast(AssessmentAnswersDeleted, envelope.data)
    tenant_id, assessment_id = deleted.tenant_id, deleted.assessment_id
    await subjects.hold(
        session, [subjects.assessment_lock(tenant_id, assessment_id)], exclusive=True
    )
    people = await facts.subjects_of_assessment(
        session, tenant_id=tenant_id, assessment_id=assessment_id
    )
    cells = await trend_counting.cells_of_assessment(
        session, tenant_id=tenant_id, assessment_id=assessment_id
    )
    remaining = await facts.delete_answer_facts(
        session,
        tenant_id=tenant_id,
        assessment_id=assessment_id,
        answered_before=deleted.answered_before,
    )
    await assessment_counting.recount_answers(
        session, tenant_id=tenant_id, assessment_id=assessment_id, answer_ids=remaining
    )
    await participant_counting.recount_subjects(session, tenant_id=tenant_id, subject_refs=people)
    await trend_counting.recount_cells(session, cells=cells)


@statistics.on(assessments.PARTICIPANT_REMOVED)
async def forget_participant(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """The client deleted the person (P13): as an erasure, their per-person rows go now and
    their facts stay only as anonymous totals; events about them that come late are ignored."""
    removed = cast(ParticipantRemoved, envelope.data)
    await forget_person(
        session, tenant_id=removed.tenant_id, subject_ref=removed.subject_ref, handling=envelope
    )


async def forget_person(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str, handling: Envelope[Any]
) -> None:
    await subjects.forget_subject(session, tenant_id=tenant_id, subject_ref=subject_ref)
    await erase_subject_messages(
        session,
        tenant_id=tenant_id,
        subject_ref=subject_ref,
        handling=handling.id,
        unsent_replies=reply_events(DataService.ANALYTICS),
    )
    await remember_erasure(session, tenant_id=tenant_id, subject_ref=subject_ref)


def subscriptions() -> list[Subscription]:
    return [statistics]
