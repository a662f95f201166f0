from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import cast, delete, func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.models import Answer
from assessments.assessments.models import (
    Assessment,
    AssessmentGroup,
    AssessmentParticipant,
    AssessmentQuestion,
)
from assessments.assessments.schemas import (
    AssessmentIn,
    AssessmentRead,
    AssessmentResults,
    OptionCount,
    QuestionResults,
)
from assessments.content.check import WordList, check_content
from assessments.dispatches.models import Dispatch
from assessments.errors import ConflictError, InvalidRequestError, NotFoundError
from assessments.groups.models import ParticipantGroup
from assessments.paging import Page, PageRequest
from assessments.participants.models import Participant
from assessments.questions.models import Question
from assessments.questions.service import options_of
from chassis.messaging.outbox import publish
from chassis.messaging.tables import outbox_message
from contracts.events.assessments import (
    ANSWER_SUBMITTED,
    AssessmentAnswersDeleted,
    AssessmentDeleted,
    AssessmentKind,
    AssessmentPublished,
)
from contracts.vocabulary import Channel

PUBLISHED = "published"
DRAFT = "draft"


async def get(session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID) -> Assessment:
    assessment = await session.scalar(
        select(Assessment).where(Assessment.tenant_id == tenant_id, Assessment.id == assessment_id)
    )
    if assessment is None:
        raise NotFoundError("assessment")
    return assessment


async def question_ids_of(session: AsyncSession, assessment_id: UUID) -> list[UUID]:
    return list(
        await session.scalars(
            select(AssessmentQuestion.question_id)
            .where(AssessmentQuestion.assessment_id == assessment_id)
            .order_by(AssessmentQuestion.position)
        )
    )


async def read_model(session: AsyncSession, assessment: Assessment) -> AssessmentRead:
    participant_ids = await session.scalars(
        select(AssessmentParticipant.participant_id).where(
            AssessmentParticipant.assessment_id == assessment.id
        )
    )
    group_ids = await session.scalars(
        select(AssessmentGroup.group_id).where(AssessmentGroup.assessment_id == assessment.id)
    )
    return AssessmentRead(
        id=assessment.id,
        kind=AssessmentKind(assessment.kind),
        title=assessment.title,
        status=assessment.status,
        question_ids=await question_ids_of(session, assessment.id),
        participant_ids=sorted(participant_ids),
        group_ids=sorted(group_ids),
        channels=[Channel(channel) for channel in assessment.channels],
        email_fallback=assessment.email_fallback,
        show_correct=assessment.show_correct,
        opens_at=assessment.opens_at,
        closes_at=assessment.closes_at,
        weekdays=assessment.weekdays,
        send_time=assessment.send_time,
        starts_on=assessment.starts_on,
        ends_on=assessment.ends_on,
        reask_wrong_after_days=assessment.reask_wrong_after_days,
        reminder_after_hours=assessment.reminder_after_hours,
        max_reminders=assessment.max_reminders,
        created_at=assessment.created_at,
        published_at=assessment.published_at,
    )


async def listing(
    session: AsyncSession, *, tenant_id: UUID, page: PageRequest
) -> Page[AssessmentRead]:
    total = await session.scalar(
        select(func.count()).select_from(Assessment).where(Assessment.tenant_id == tenant_id)
    )
    assessments = await session.scalars(
        select(Assessment)
        .where(Assessment.tenant_id == tenant_id)
        .order_by(Assessment.created_at.desc(), Assessment.id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return Page(
        items=[await read_model(session, assessment) for assessment in assessments],
        total=total or 0,
        limit=page.limit,
        offset=page.offset,
    )


async def _check_owned(session: AsyncSession, *, tenant_id: UUID, details: AssessmentIn) -> None:
    for model, ids, what in (
        (Question, details.question_ids, "question"),
        (Participant, details.participant_ids, "participant"),
        (ParticipantGroup, details.group_ids, "group"),
    ):
        wanted = set(ids)
        if not wanted:
            continue
        found = await session.scalar(
            select(func.count()).where(model.tenant_id == tenant_id, model.id.in_(wanted))
        )
        if found != len(wanted):
            raise NotFoundError(what)


def _apply(assessment: Assessment, details: AssessmentIn) -> None:
    assessment.title = details.title
    assessment.channels = [channel.value for channel in details.channels]
    assessment.email_fallback = details.email_fallback
    assessment.show_correct = details.show_correct
    assessment.opens_at = details.opens_at
    assessment.closes_at = details.closes_at
    assessment.weekdays = sorted(set(details.weekdays)) if details.weekdays else None
    assessment.send_time = details.send_time
    assessment.starts_on = details.starts_on
    assessment.ends_on = details.ends_on
    assessment.reask_wrong_after_days = details.reask_wrong_after_days
    assessment.reminder_after_hours = details.reminder_after_hours
    assessment.max_reminders = details.max_reminders


async def _replace_links(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID, details: AssessmentIn
) -> None:
    for model in (AssessmentQuestion, AssessmentParticipant, AssessmentGroup):
        await session.execute(delete(model).where(model.assessment_id == assessment_id))
    session.add_all(
        AssessmentQuestion(
            assessment_id=assessment_id, question_id=question_id, tenant_id=tenant_id, position=n
        )
        for n, question_id in enumerate(details.question_ids)
    )
    session.add_all(
        AssessmentParticipant(
            assessment_id=assessment_id, participant_id=participant_id, tenant_id=tenant_id
        )
        for participant_id in set(details.participant_ids)
    )
    session.add_all(
        AssessmentGroup(assessment_id=assessment_id, group_id=group_id, tenant_id=tenant_id)
        for group_id in set(details.group_ids)
    )
    await session.flush()


async def create(
    session: AsyncSession, *, tenant_id: UUID, details: AssessmentIn, words: WordList
) -> AssessmentRead:
    check_content(words, {"title": details.title})
    await _check_owned(session, tenant_id=tenant_id, details=details)
    assessment = Assessment(tenant_id=tenant_id, kind=details.kind.value, status=DRAFT)
    _apply(assessment, details)
    session.add(assessment)
    await session.flush()
    await _replace_links(session, tenant_id=tenant_id, assessment_id=assessment.id, details=details)
    await session.refresh(assessment)
    return await read_model(session, assessment)


async def change(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    assessment_id: UUID,
    details: AssessmentIn,
    words: WordList,
) -> AssessmentRead:
    """Replaces the assessment's settings; a published one is announced again."""
    check_content(words, {"title": details.title})
    assessment = await get(session, tenant_id=tenant_id, assessment_id=assessment_id)
    if details.kind.value != assessment.kind:
        raise ConflictError("An assessment's kind cannot change; create a new one.")
    await _check_owned(session, tenant_id=tenant_id, details=details)
    _apply(assessment, details)
    await _replace_links(session, tenant_id=tenant_id, assessment_id=assessment.id, details=details)
    if assessment.status == PUBLISHED:
        await _announce(session, assessment, details.question_ids)
    return await read_model(session, assessment)


async def publish_assessment(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID, now: datetime
) -> AssessmentRead:
    """From now on the scheduler sends it."""
    assessment = await get(session, tenant_id=tenant_id, assessment_id=assessment_id)
    audience = await session.scalar(
        select(func.count())
        .select_from(AssessmentParticipant)
        .where(AssessmentParticipant.assessment_id == assessment.id)
    ) or await session.scalar(
        select(func.count())
        .select_from(AssessmentGroup)
        .where(AssessmentGroup.assessment_id == assessment.id)
    )
    if not audience:
        raise InvalidRequestError("The assessment has no participants or groups to send to.")
    if assessment.status != PUBLISHED:
        assessment.status = PUBLISHED
        assessment.published_at = now
    await _announce(session, assessment, await question_ids_of(session, assessment.id))
    return await read_model(session, assessment)


async def _announce(
    session: AsyncSession, assessment: Assessment, question_ids: list[UUID]
) -> None:
    await publish(
        session,
        AssessmentPublished(
            tenant_id=assessment.tenant_id,
            assessment_id=assessment.id,
            kind=AssessmentKind(assessment.kind),
            title=assessment.title,
            question_ids=question_ids,
        ),
    )


async def remove(session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID) -> None:
    """Deletes the assessment with its answers, dispatches and tokens, now (P13)."""
    assessment = await get(session, tenant_id=tenant_id, assessment_id=assessment_id)
    await session.execute(delete(Answer).where(Answer.assessment_id == assessment.id))
    await session.delete(assessment)
    await publish(session, AssessmentDeleted(tenant_id=tenant_id, assessment_id=assessment.id))


_DELETE_ANSWERS = text(
    """
    WITH gone AS (
        DELETE FROM answer
        WHERE tenant_id = :tenant_id AND assessment_id = :assessment_id
        RETURNING answered_at
    )
    SELECT count(*), max(answered_at) FROM gone
    """
)


async def remove_answers(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID, now: datetime
) -> int:
    """Deletes every answer of the assessment now, free text and anonymous rows included,
    keeping the assessment, its questions and its dispatches (P13); returns how many went.

    The assessment's row is locked ``FOR UPDATE`` first: that conflicts with the ``FOR KEY
    SHARE`` lock inserting an answer takes on its assessment, so answers being recorded right
    now are committed first (and deleted here) and later ones wait for this commit. The event
    names a moment after every answer deleted; analytics ignores late events from before it.
    (An answer whose request began before that moment but that is recorded only after this
    commit stays here and is left out of analytics: the race errs on forgetting.) Copies of the
    answers' events still in the outbox (published ones are kept there for a while) go too.
    """
    assessment = await session.scalar(
        select(Assessment)
        .where(Assessment.tenant_id == tenant_id, Assessment.id == assessment_id)
        .with_for_update()
    )
    if assessment is None:
        raise NotFoundError("assessment")
    deleted, newest = (
        await session.execute(
            _DELETE_ANSWERS, {"tenant_id": tenant_id, "assessment_id": assessment.id}
        )
    ).one()
    answered_before = now if newest is None else max(now, newest + timedelta(microseconds=1))
    body = cast(func.convert_from(outbox_message.c.body, "UTF8"), JSONB)
    await session.execute(
        delete(outbox_message).where(
            outbox_message.c.tenant_id == tenant_id,
            outbox_message.c.event_type == ANSWER_SUBMITTED,
            body["data"]["assessment_id"].astext == str(assessment.id),
        )
    )
    await publish(
        session,
        AssessmentAnswersDeleted(
            tenant_id=tenant_id, assessment_id=assessment.id, answered_before=answered_before
        ),
    )
    return int(deleted)


async def results(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> AssessmentResults:
    assessment = await get(session, tenant_id=tenant_id, assessment_id=assessment_id)
    question_ids = await question_ids_of(session, assessment.id)
    options = await options_of(session, question_ids)
    chosen = func.unnest(Answer.chosen_option_ids).label("option_id")
    per_option: dict[UUID, int] = dict(
        (
            await session.execute(
                select(chosen, func.count())
                .where(Answer.assessment_id == assessment.id)
                .group_by(chosen)
            )
        ).all()
    )
    per_question = {
        question_id: (answers, correct or 0)
        for question_id, answers, correct in await session.execute(
            select(
                Answer.question_id,
                func.count(),
                func.count().filter(Answer.correct.is_(True)),
            )
            .where(Answer.assessment_id == assessment.id)
            .group_by(Answer.question_id)
        )
    }
    dispatch_counts = (
        await session.execute(
            select(func.count(), func.count(Dispatch.answered_at)).where(
                Dispatch.assessment_id == assessment.id, Dispatch.status == "issued"
            )
        )
    ).one()
    return AssessmentResults(
        assessment_id=assessment.id,
        dispatches=dispatch_counts[0],
        answered_dispatches=dispatch_counts[1],
        questions=[
            QuestionResults(
                question_id=question_id,
                answers=per_question.get(question_id, (0, 0))[0],
                correct_answers=per_question.get(question_id, (0, 0))[1],
                options=[
                    OptionCount(
                        option_id=option.id,
                        label=option.label,
                        correct=option.correct,
                        count=per_option.get(option.id, 0),
                    )
                    for option in options[question_id]
                ],
            )
            for question_id in question_ids
        ],
    )
