from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import any_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.assessments.models import AssessmentQuestion
from assessments.content.check import WordList, check_content
from assessments.errors import ConflictError, NotFoundError
from assessments.paging import Page, PageRequest
from assessments.questions.models import Question, QuestionOption, QuestionReport
from assessments.questions.schemas import OptionRead, QuestionIn, QuestionRead, Scale
from chassis.messaging.outbox import publish
from contracts.events.assessments import (
    PublishedOption,
    QuestionKind,
    QuestionPublished,
    ScaleRange,
)


def _check(words: WordList, details: QuestionIn) -> None:
    fields: dict[str, str | None] = {"text": details.text, "explanation": details.explanation}
    fields.update({f"topics[{n}]": topic for n, topic in enumerate(details.topics)})
    fields.update({f"options[{n}].label": o.label for n, o in enumerate(details.options)})
    check_content(words, fields)


async def options_of(
    session: AsyncSession, question_ids: Sequence[UUID]
) -> dict[UUID, list[QuestionOption]]:
    rows = await session.scalars(
        select(QuestionOption)
        .where(QuestionOption.question_id.in_(question_ids))
        .order_by(QuestionOption.question_id, QuestionOption.position)
    )
    found: dict[UUID, list[QuestionOption]] = {question_id: [] for question_id in question_ids}
    for option in rows:
        found[option.question_id].append(option)
    return found


def read_model(question: Question, options: list[QuestionOption]) -> QuestionRead:
    scale = None
    if question.scale_min is not None and question.scale_max is not None:
        scale = Scale(minimum=question.scale_min, maximum=question.scale_max)
    return QuestionRead(
        id=question.id,
        kind=QuestionKind(question.kind),
        text=question.text,
        explanation=question.explanation,
        topics=list(question.topics),
        options=[OptionRead(id=o.id, label=o.label, correct=o.correct) for o in options],
        scale=scale,
        report_count=question.report_count,
        flagged=question.report_count > 0,
        created_at=question.created_at,
        updated_at=question.updated_at,
    )


async def get(session: AsyncSession, *, tenant_id: UUID, question_id: UUID) -> Question:
    question = await session.scalar(
        select(Question).where(Question.tenant_id == tenant_id, Question.id == question_id)
    )
    if question is None:
        raise NotFoundError("question")
    return question


async def read(session: AsyncSession, *, tenant_id: UUID, question_id: UUID) -> QuestionRead:
    question = await get(session, tenant_id=tenant_id, question_id=question_id)
    options = await options_of(session, [question.id])
    return read_model(question, options[question.id])


async def listing(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    page: PageRequest,
    topic: str | None,
    flagged: bool | None,
) -> Page[QuestionRead]:
    conditions = [Question.tenant_id == tenant_id]
    if topic is not None:
        conditions.append(any_(Question.topics) == topic)
    if flagged is not None:
        conditions.append(Question.report_count > 0 if flagged else Question.report_count == 0)
    total = await session.scalar(select(func.count()).select_from(Question).where(*conditions))
    questions = list(
        await session.scalars(
            select(Question)
            .where(*conditions)
            .order_by(Question.created_at.desc(), Question.id)
            .limit(page.limit)
            .offset(page.offset)
        )
    )
    options = await options_of(session, [question.id for question in questions])
    return Page(
        items=[read_model(question, options[question.id]) for question in questions],
        total=total or 0,
        limit=page.limit,
        offset=page.offset,
    )


async def create(
    session: AsyncSession, *, tenant_id: UUID, details: QuestionIn, words: WordList
) -> QuestionRead:
    _check(words, details)
    if any(option.id is not None for option in details.options):
        raise ConflictError("A new question's options have no ids yet.")
    question = Question(tenant_id=tenant_id, report_count=0)
    _apply(question, details)
    session.add(question)
    await session.flush()
    options = [
        QuestionOption(
            tenant_id=tenant_id,
            question_id=question.id,
            position=position,
            label=option.label,
            correct=option.correct,
        )
        for position, option in enumerate(details.options)
    ]
    session.add_all(options)
    await session.flush()
    await session.refresh(question)
    await _announce(session, question, options)
    return read_model(question, options)


def _apply(question: Question, details: QuestionIn) -> None:
    question.kind = details.kind.value
    question.text = details.text
    question.explanation = details.explanation
    question.topics = list(dict.fromkeys(details.topics))
    question.scale_min = details.scale.minimum if details.scale else None
    question.scale_max = details.scale.maximum if details.scale else None


async def change(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    question_id: UUID,
    details: QuestionIn,
    words: WordList,
) -> QuestionRead:
    """Replaces the question; options keep their ids (and answers) when sent with them."""
    _check(words, details)
    question = await get(session, tenant_id=tenant_id, question_id=question_id)
    if details.kind.value != question.kind:
        raise ConflictError("A question's kind cannot change; write a new question.")
    current = {
        option.id: option for option in (await options_of(session, [question.id]))[question.id]
    }
    unknown = {o.id for o in details.options if o.id is not None} - set(current)
    if unknown:
        raise NotFoundError("option of this question")
    _apply(question, details)
    question.updated_at = func.now()
    kept = {option.id for option in details.options if option.id is not None}
    removed = set(current) - kept
    if removed:
        await session.execute(delete(QuestionOption).where(QuestionOption.id.in_(removed)))
    options: list[QuestionOption] = []
    for position, incoming in enumerate(details.options):
        option = current.get(incoming.id) if incoming.id is not None else None
        if option is None:
            option = QuestionOption(tenant_id=tenant_id, question_id=question.id)
            session.add(option)
        option.position = position
        option.label = incoming.label
        option.correct = incoming.correct
        options.append(option)
    await session.flush()
    await session.refresh(question)
    await _announce(session, question, options)
    return read_model(question, options)


async def remove(session: AsyncSession, *, tenant_id: UUID, question_id: UUID) -> None:
    question = await get(session, tenant_id=tenant_id, question_id=question_id)
    used = await session.scalar(
        select(func.count())
        .select_from(AssessmentQuestion)
        .where(AssessmentQuestion.question_id == question.id)
    )
    if used:
        raise ConflictError("The question is part of an assessment; remove it from there first.")
    await session.delete(question)


async def report(session: AsyncSession, *, tenant_id: UUID, question_id: UUID, reason: str) -> None:
    """A participant reported the question: it is flagged for the client (P16)."""
    session.add(QuestionReport(tenant_id=tenant_id, question_id=question_id, reason=reason))
    await session.execute(
        update(Question)
        .where(Question.tenant_id == tenant_id, Question.id == question_id)
        .values(report_count=Question.report_count + 1)
    )


async def _announce(
    session: AsyncSession, question: Question, options: list[QuestionOption]
) -> None:
    scale = None
    if question.scale_min is not None and question.scale_max is not None:
        scale = ScaleRange(minimum=question.scale_min, maximum=question.scale_max)
    await publish(
        session,
        QuestionPublished(
            tenant_id=question.tenant_id,
            question_id=question.id,
            kind=QuestionKind(question.kind),
            text=question.text,
            topics=list(question.topics),
            options=[
                PublishedOption(option_id=o.id, label=o.label, correct=o.correct) for o in options
            ],
            scale=scale,
        ),
    )
