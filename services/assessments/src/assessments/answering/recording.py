"""Recording answers: one per dispatch, whichever channel comes first (page or Slack).

The hot path (the answer page) reads with Core statements into small frozen dataclasses and
writes with one statement: marking the dispatch answered, inserting the answers and adding
their events to the outbox happen together, atomically, and only for the first answer.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.assessments.models import Assessment, AssessmentQuestion
from assessments.client_settings.service import preferences_of
from assessments.database import new_id, table_of
from assessments.dispatches.models import Dispatch
from assessments.dispatches.rendering import scale_option_id, scale_range
from assessments.groups.models import GroupMember
from assessments.participants.models import Participant
from assessments.questions.models import Question, QuestionOption
from chassis.hot_statements import HotStatement
from chassis.messaging.outbox import new_envelope
from contracts.events.assessments import AnswerReveal, AnswerSubmitted, QuestionKind

MAX_FREE_TEXT = 4000


@dataclass(frozen=True)
class Response:
    """What the participant chose or wrote for one question."""

    chosen_option_ids: list[UUID] = field(default_factory=list)
    free_text: str | None = None


@dataclass(frozen=True, slots=True)
class AskedOption:
    id: UUID
    label: str
    correct: bool


@dataclass(frozen=True, slots=True)
class AskedQuestionFacts:
    """What answering needs of a question (read with Core, not as an ORM object)."""

    id: UUID
    kind: str
    text: str
    explanation: str | None
    topics: list[str]
    scale_min: int | None
    scale_max: int | None


@dataclass(frozen=True)
class AskedQuestion:
    question: AskedQuestionFacts
    options: list[AskedOption]

    def shown_options(self) -> list[tuple[UUID, str]]:
        """(option id, label) as the participant sees them; a scale's points have ids too."""
        question = self.question
        if question.kind == QuestionKind.SCALE.value:
            return [
                (scale_option_id(question.id, point), str(point))
                for point in scale_range(question.scale_min, question.scale_max)
            ]
        return [(option.id, option.label) for option in self.options]


@dataclass(frozen=True, slots=True)
class DispatchFacts:
    """What answering needs of a dispatch."""

    id: UUID
    tenant_id: UUID
    assessment_id: UUID
    participant_id: UUID
    question_id: UUID | None
    issued_at: datetime | None
    answered_at: datetime | None

    @classmethod
    def of(cls, dispatch: Dispatch) -> "DispatchFacts":
        return cls(
            dispatch.id,
            dispatch.tenant_id,
            dispatch.assessment_id,
            dispatch.participant_id,
            dispatch.question_id,
            dispatch.issued_at,
            dispatch.answered_at,
        )


@dataclass(frozen=True)
class KnownContext:
    """What recording needs beyond the dispatch and its questions."""

    zone: ZoneInfo
    group_ids: list[UUID]
    subject_ref: str
    show_correct: bool


class AlreadyAnsweredError(Exception):
    pass


class InvalidAnswerError(Exception):
    def __init__(self, question_id: UUID, problem: str) -> None:
        super().__init__(problem)
        self.question_id = question_id


_QUESTIONS = table_of(Question)
_OPTIONS = table_of(QuestionOption)
_ASSESSMENT_QUESTIONS = table_of(AssessmentQuestion)

QUESTION_COLUMNS = (
    _QUESTIONS.c.id,
    _QUESTIONS.c.kind,
    _QUESTIONS.c.text,
    _QUESTIONS.c.explanation,
    _QUESTIONS.c.topics,
    _QUESTIONS.c.scale_min,
    _QUESTIONS.c.scale_max,
)
OPTION_COLUMNS = (
    _OPTIONS.c.id.label("option_id"),
    _OPTIONS.c.label,
    _OPTIONS.c.correct,
)
"""The columns ``asked_from_rows`` reads, in this order, after any others of the row."""

_QUESTION_WITH_OPTIONS = select(*QUESTION_COLUMNS, *OPTION_COLUMNS).outerjoin(
    _OPTIONS, _OPTIONS.c.question_id == _QUESTIONS.c.id
)
_DAILY_QUESTION = _QUESTION_WITH_OPTIONS.where(
    _QUESTIONS.c.id == bindparam("question_id")
).order_by(_OPTIONS.c.position)
_QUIZ_QUESTIONS = (
    _QUESTION_WITH_OPTIONS.join(
        _ASSESSMENT_QUESTIONS, _ASSESSMENT_QUESTIONS.c.question_id == _QUESTIONS.c.id
    )
    .where(_ASSESSMENT_QUESTIONS.c.assessment_id == bindparam("assessment_id"))
    .order_by(_ASSESSMENT_QUESTIONS.c.position, _OPTIONS.c.position)
)


def asked_from_rows(rows: Iterable[Sequence[Any]], first: int = 0) -> list[AskedQuestion]:
    """Questions with their options, in order, from rows holding ``QUESTION_COLUMNS`` then
    ``OPTION_COLUMNS`` from column ``first`` on (question columns None: no question)."""
    asked: dict[UUID, AskedQuestion] = {}
    for row in rows:
        (
            question_id,
            kind,
            question_text,
            explanation,
            topics,
            scale_min,
            scale_max,
            option_id,
            label,
            correct,
        ) = row[first : first + 10]
        if question_id is None:
            continue
        item = asked.get(question_id)
        if item is None:
            facts = AskedQuestionFacts(
                question_id, kind, question_text, explanation, list(topics), scale_min, scale_max
            )
            item = asked[question_id] = AskedQuestion(facts, [])
        if option_id is not None:
            item.options.append(AskedOption(option_id, label, correct))
    return list(asked.values())


async def asked_questions(session: AsyncSession, dispatch: DispatchFacts) -> list[AskedQuestion]:
    """The dispatch's question (daily) or the quiz's questions in order, with their options."""
    if dispatch.question_id is not None:
        rows = await session.execute(_DAILY_QUESTION, {"question_id": dispatch.question_id})
    else:
        rows = await session.execute(_QUIZ_QUESTIONS, {"assessment_id": dispatch.assessment_id})
    return asked_from_rows(rows.all())


_PARTICIPANTS = table_of(Participant)
_ASSESSMENTS = table_of(Assessment)
_GROUP_MEMBERS = table_of(GroupMember)


async def known_context(session: AsyncSession, dispatch: DispatchFacts) -> KnownContext | None:
    """The context of a dispatch the caller has not read with its link (Slack answers)."""
    group_ids = (
        select(func.coalesce(func.array_agg(_GROUP_MEMBERS.c.group_id), []))
        .where(_GROUP_MEMBERS.c.participant_id == _PARTICIPANTS.c.id)
        .scalar_subquery()
    )
    row = (
        await session.execute(
            select(_PARTICIPANTS.c.subject_ref, _ASSESSMENTS.c.show_correct, group_ids)
            .select_from(_PARTICIPANTS)
            .join(_ASSESSMENTS, _ASSESSMENTS.c.id == dispatch.assessment_id)
            .where(_PARTICIPANTS.c.id == dispatch.participant_id)
        )
    ).first()
    if row is None:
        return None
    preferences = await preferences_of(session, tenant_id=dispatch.tenant_id)
    subject_ref, show_correct, groups = row
    return KnownContext(preferences.time_zone, sorted(groups or []), subject_ref, show_correct)


@dataclass(frozen=True)
class _Checked:
    chosen: list[UUID]
    scale_value: int | None
    free_text: str | None
    correct: bool | None


def _checked(asked: AskedQuestion, response: Response | None) -> _Checked:
    question = asked.question
    kind = QuestionKind(question.kind)
    if response is None:
        raise InvalidAnswerError(question.id, "unanswered")
    if kind is QuestionKind.FREE_TEXT:
        free_text = (response.free_text or "").strip()
        if not free_text:
            raise InvalidAnswerError(question.id, "unanswered")
        if len(free_text) > MAX_FREE_TEXT:
            raise InvalidAnswerError(question.id, "too_long")
        return _Checked([], None, free_text, None)
    chosen = list(dict.fromkeys(response.chosen_option_ids))
    if kind is QuestionKind.SCALE:
        points = {
            scale_option_id(question.id, point): point
            for point in scale_range(question.scale_min, question.scale_max)
        }
        if len(chosen) != 1 or chosen[0] not in points:
            raise InvalidAnswerError(question.id, "unanswered" if not chosen else "invalid")
        return _Checked([], points[chosen[0]], None, None)
    valid = {option.id for option in asked.options}
    if not chosen:
        raise InvalidAnswerError(question.id, "unanswered")
    if not set(chosen) <= valid or (kind is QuestionKind.SINGLE_CHOICE and len(chosen) > 1):
        raise InvalidAnswerError(question.id, "invalid")
    correct_ids = {option.id for option in asked.options if option.correct}
    correct = set(chosen) == correct_ids if correct_ids else None
    return _Checked(chosen, None, None, correct)


def reveal_of(asked: AskedQuestion) -> AnswerReveal:
    return AnswerReveal(
        correct_option_ids=[option.id for option in asked.options if option.correct],
        explanation=asked.question.explanation,
    )


_RECORD = HotStatement(
    text(
        """
WITH marked AS (
    UPDATE dispatch SET answered_at = :now
    WHERE id = :dispatch_id AND answered_at IS NULL
    RETURNING id
), answers AS (
    INSERT INTO answer (
        id, tenant_id, assessment_id, question_id, dispatch_id, participant_id, subject_ref,
        chosen_option_ids, scale_value, free_text, correct, channel, answered_at, answered_on,
        time_to_answer_ms
    )
    SELECT
        a.id, :tenant_id, :assessment_id, a.question_id, marked.id, :participant_id,
        :subject_ref, CAST(a.chosen AS uuid[]), a.scale_value, a.free_text, a.correct,
        :channel, :now, :answered_on, :time_to_answer_ms
    FROM marked, unnest(
        CAST(:answer_ids AS uuid[]), CAST(:question_ids AS uuid[]), CAST(:chosen AS text[]),
        CAST(:scale_values AS integer[]), CAST(:free_texts AS text[]),
        CAST(:corrects AS boolean[])
    ) AS a (id, question_id, chosen, scale_value, free_text, correct)
), events AS (
    INSERT INTO outbox_message (id, event_type, tenant_id, subject_ref, body)
    SELECT e.id, e.event_type, e.tenant_id, e.subject_ref, e.body
    FROM marked, unnest(
        CAST(:event_ids AS uuid[]), CAST(:event_types AS text[]),
        CAST(:event_tenant_ids AS uuid[]), CAST(:event_subject_refs AS text[]),
        CAST(:event_bodies AS bytea[])
    ) AS e (id, event_type, tenant_id, subject_ref, body)
)
SELECT id FROM marked
"""
    )
)
"""The one answer a dispatch takes, in one statement: only the first of concurrent answers
finds the dispatch unanswered, and only then are its answers and their events inserted."""


def _uuid_array_literal(ids: Sequence[UUID]) -> str:
    return "{" + ",".join(str(option_id) for option_id in ids) + "}"


async def record(
    session: AsyncSession,
    *,
    dispatch: DispatchFacts,
    responses: dict[UUID, Response],
    channel: str,
    now: datetime,
    asked: list[AskedQuestion] | None = None,
    known: KnownContext | None = None,
) -> list[AskedQuestion]:
    """Records the dispatch's answers once; ``AlreadyAnsweredError`` for a second time,
    ``InvalidAnswerError`` (nothing written) for an answer that does not fit its question.
    ``asked`` and ``known`` save loading again what the caller already has."""
    if asked is None:
        asked = await asked_questions(session, dispatch)
    checked = [(item, _checked(item, responses.get(item.question.id))) for item in asked]
    if known is None:
        known = await known_context(session, dispatch)
        if known is None:
            raise AlreadyAnsweredError
    answered_on = now.astimezone(known.zone).date()
    sent_at = dispatch.issued_at or now
    time_to_answer_ms = max(0, int((now - sent_at).total_seconds() * 1000))
    envelopes = [
        new_envelope(
            AnswerSubmitted(
                tenant_id=dispatch.tenant_id,
                assessment_id=dispatch.assessment_id,
                question_id=item.question.id,
                topics=item.question.topics,
                group_ids=known.group_ids,
                dispatch_id=dispatch.id,
                subject_ref=known.subject_ref,
                chosen_option_ids=answer.chosen,
                correct=answer.correct,
                scale_value=answer.scale_value,
                free_text_given=answer.free_text is not None,
                time_to_answer_ms=time_to_answer_ms,
                answered_at=now,
                answered_on=answered_on,
                reveal=reveal_of(item) if known.show_correct else None,
            ),
        )
        for item, answer in checked
    ]
    first = await _RECORD.fetchval(
        session,
        {
            "now": now,
            "dispatch_id": dispatch.id,
            "tenant_id": dispatch.tenant_id,
            "assessment_id": dispatch.assessment_id,
            "participant_id": dispatch.participant_id,
            "subject_ref": known.subject_ref,
            "channel": channel,
            "answered_on": answered_on,
            "time_to_answer_ms": time_to_answer_ms,
            "answer_ids": [new_id() for _ in checked],
            "question_ids": [item.question.id for item, _ in checked],
            "chosen": [_uuid_array_literal(answer.chosen) for _, answer in checked],
            "scale_values": [answer.scale_value for _, answer in checked],
            "free_texts": [answer.free_text for _, answer in checked],
            "corrects": [answer.correct for _, answer in checked],
            "event_ids": [envelope.id for envelope in envelopes],
            "event_types": [envelope.type for envelope in envelopes],
            "event_tenant_ids": [envelope.tenant_id for envelope in envelopes],
            "event_subject_refs": [envelope.subject_ref for envelope in envelopes],
            "event_bodies": [envelope.to_json() for envelope in envelopes],
        },
    )
    if first is None:
        raise AlreadyAnsweredError
    return asked
