"""A scripted client: participants, groups, a quiz and daily questions, dispatches, delivery
statuses and answers as events, and the statistics an independent calculation expects."""

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from chassis.privacy.subject_ref import subject_ref
from contracts.envelope import Envelope
from contracts.events.assessments import (
    AnswerSubmitted,
    AssessmentKind,
    AssessmentPublished,
    DispatchCreated,
    DispatchKind,
    PublishedOption,
    QuestionKind,
    QuestionPublished,
    ScaleRange,
)
from contracts.events.delivery import (
    BounceReason,
    DispatchMessage,
    MessageBounced,
    MessageDelivered,
    MessageSent,
    MessageStatus,
    MessageSuppressed,
    SuppressionReason,
)
from contracts.vocabulary import Channel

SUBJECT_REF_KEY = secrets.token_bytes(32)
FIRST_DAY = date(2026, 3, 2)


@dataclass
class Question:
    question_id: UUID
    kind: QuestionKind
    topics: list[str]
    option_ids: list[UUID]
    correct_ids: set[UUID]
    scale: tuple[int, int] | None = None


@dataclass
class Person:
    name: str
    email: str
    subject_ref: str
    group_ids: list[UUID]


@dataclass
class Answer:
    assessment_id: UUID
    question: Question
    dispatch_id: UUID
    person: Person
    chosen: list[UUID]
    scale_value: int | None
    free_text: bool
    seconds: float
    day: date

    @property
    def correct(self) -> bool | None:
        if not self.question.correct_ids:
            return None
        return set(self.chosen) == self.question.correct_ids


@dataclass
class Dispatch:
    dispatch_id: UUID
    assessment_id: UUID
    kind: DispatchKind
    question: Question | None
    person: Person
    day: date
    statuses: set[str] = field(default_factory=set)


@dataclass
class Scenario:
    tenant_id: UUID
    people: list[Person]
    groups: list[UUID]
    quiz_id: UUID
    daily_id: UUID
    quiz_questions: list[Question]
    daily_questions: list[Question]
    dispatches: list[Dispatch]
    answers: list[Answer]
    events: list[Envelope[Any]]


def _choice(topic: str, options: int = 3) -> Question:
    option_ids = [uuid4() for _ in range(options)]
    return Question(uuid4(), QuestionKind.SINGLE_CHOICE, [topic], option_ids, {option_ids[0]})


def build(rng: random.Random, *, tenant_id: UUID | None = None, people: int = 12) -> Scenario:
    tenant_id = tenant_id or uuid4()
    big_group, small_group = uuid4(), uuid4()
    persons = []
    for index in range(people):
        name = f"Markername{index} Surmarker"
        email = f"marker.person{index}@marker-example.ee"
        groups = [big_group] if index < people - 2 else [small_group]
        if index == 0:
            groups.append(small_group)  # the small group has three members
        persons.append(
            Person(
                name, email, subject_ref(SUBJECT_REF_KEY, tenant_id=tenant_id, email=email), groups
            )
        )
    quiz_id, daily_id = uuid4(), uuid4()
    multiple_ids = [uuid4() for _ in range(4)]
    quiz_questions = [
        _choice("security"),
        Question(
            uuid4(),
            QuestionKind.MULTIPLE_CHOICE,
            ["security", "phishing"],
            multiple_ids,
            {multiple_ids[0], multiple_ids[2]},
        ),
        Question(uuid4(), QuestionKind.SCALE, ["wellbeing"], [], set(), scale=(1, 5)),
        Question(uuid4(), QuestionKind.FREE_TEXT, ["feedback"], [], set()),
    ]
    daily_questions = [_choice("phishing") for _ in range(5)]
    dispatches: list[Dispatch] = []
    answers: list[Answer] = []
    for person in persons:
        dispatch = Dispatch(uuid4(), quiz_id, DispatchKind.QUIZ_INVITATION, None, person, FIRST_DAY)
        dispatches.append(dispatch)
        if rng.random() < 0.75:
            for question in quiz_questions:
                answers.append(_answer(rng, quiz_id, question, dispatch, person, FIRST_DAY))
    for offset, question in enumerate(daily_questions):
        day = FIRST_DAY + timedelta(days=offset)
        for person in persons:
            dispatch = Dispatch(
                uuid4(), daily_id, DispatchKind.DAILY_QUESTION, question, person, day
            )
            dispatches.append(dispatch)
            if rng.random() < 0.7:
                answers.append(_answer(rng, daily_id, question, dispatch, person, day))
    for dispatch in dispatches:
        roll = rng.random()
        if roll < 0.05:
            dispatch.statuses = {"suppressed"}
        elif roll < 0.12:
            dispatch.statuses = {"sent", "bounced"}
        elif roll < 0.2:
            dispatch.statuses = {"sent"}
        else:
            dispatch.statuses = {"sent", "delivered"}
    scenario = Scenario(
        tenant_id,
        persons,
        [big_group, small_group],
        quiz_id,
        daily_id,
        quiz_questions,
        daily_questions,
        dispatches,
        answers,
        [],
    )
    scenario.events = _events(scenario)
    return scenario


def _answer(
    rng: random.Random,
    assessment_id: UUID,
    question: Question,
    dispatch: Dispatch,
    person: Person,
    day: date,
) -> Answer:
    chosen: list[UUID] = []
    scale_value = None
    free_text = False
    if question.kind is QuestionKind.SINGLE_CHOICE:
        chosen = [rng.choice(question.option_ids)]
    elif question.kind is QuestionKind.MULTIPLE_CHOICE:
        chosen = rng.sample(question.option_ids, rng.randint(1, 3))
    elif question.kind is QuestionKind.SCALE:
        scale_value = rng.randint(1, 5)
    else:
        free_text = rng.random() < 0.8
    return Answer(
        assessment_id,
        question,
        dispatch.dispatch_id,
        person,
        chosen,
        scale_value,
        free_text,
        rng.uniform(1, 7200),
        day,
    )


def _events(scenario: Scenario) -> list[Envelope[Any]]:
    tenant_id = scenario.tenant_id
    events: list[Envelope[Any]] = [
        Envelope.wrap(
            AssessmentPublished(
                tenant_id=tenant_id,
                assessment_id=scenario.quiz_id,
                kind=AssessmentKind.QUIZ,
                title="Security basics",
                question_ids=[q.question_id for q in scenario.quiz_questions],
            )
        ),
        Envelope.wrap(
            AssessmentPublished(
                tenant_id=tenant_id,
                assessment_id=scenario.daily_id,
                kind=AssessmentKind.DAILY_QUESTIONS,
                title="Daily phishing",
                question_ids=[q.question_id for q in scenario.daily_questions],
            )
        ),
    ]
    for question in [*scenario.quiz_questions, *scenario.daily_questions]:
        events.append(
            Envelope.wrap(
                QuestionPublished(
                    tenant_id=tenant_id,
                    question_id=question.question_id,
                    kind=question.kind,
                    text="Which one?",
                    topics=question.topics,
                    options=[
                        PublishedOption(
                            option_id=o, label=f"option {i}", correct=o in question.correct_ids
                        )
                        for i, o in enumerate(question.option_ids)
                    ],
                    scale=ScaleRange(minimum=question.scale[0], maximum=question.scale[1])
                    if question.scale
                    else None,
                )
            )
        )
    for dispatch in scenario.dispatches:
        events.append(Envelope.wrap(dispatch_created(tenant_id, dispatch)))
        message = DispatchMessage(
            kind="dispatch",
            dispatch_id=dispatch.dispatch_id,
            assessment_id=dispatch.assessment_id,
            subject_ref=dispatch.person.subject_ref,
        )
        for status in sorted(dispatch.statuses):
            events.append(Envelope.wrap(_status(status, tenant_id, message)))
    for answer in scenario.answers:
        events.append(Envelope.wrap(answer_submitted(tenant_id, answer)))
    return events


def _status(status: str, tenant_id: UUID, message: DispatchMessage) -> MessageStatus:
    channel = Channel.EMAIL
    if status == "sent":
        return MessageSent(tenant_id=tenant_id, channel=channel, message=message)
    if status == "delivered":
        return MessageDelivered(tenant_id=tenant_id, channel=channel, message=message)
    if status == "bounced":
        return MessageBounced(
            tenant_id=tenant_id, channel=channel, message=message, reason=BounceReason.PERMANENT
        )
    return MessageSuppressed(
        tenant_id=tenant_id,
        channel=channel,
        message=message,
        reason=SuppressionReason.UNSUBSCRIBED,
    )


def dispatch_created(tenant_id: UUID, dispatch: Dispatch) -> DispatchCreated:
    return DispatchCreated(
        dispatch_id=dispatch.dispatch_id,
        tenant_id=tenant_id,
        assessment_id=dispatch.assessment_id,
        question_id=dispatch.question.question_id if dispatch.question else None,
        kind=dispatch.kind,
        subject_ref=dispatch.person.subject_ref,
        group_ids=dispatch.person.group_ids,
        dispatched_on=dispatch.day,
    )


def answer_submitted(tenant_id: UUID, answer: Answer) -> AnswerSubmitted:
    moment = datetime.combine(answer.day, datetime.min.time(), UTC) + timedelta(hours=9)
    return AnswerSubmitted(
        tenant_id=tenant_id,
        assessment_id=answer.assessment_id,
        question_id=answer.question.question_id,
        topics=answer.question.topics,
        group_ids=answer.person.group_ids,
        dispatch_id=answer.dispatch_id,
        subject_ref=answer.person.subject_ref,
        chosen_option_ids=answer.chosen,
        correct=answer.correct,
        scale_value=answer.scale_value,
        free_text_given=answer.free_text,
        time_to_answer_ms=int(answer.seconds * 1000),
        answered_at=moment + timedelta(seconds=answer.seconds),
        answered_on=answer.day,
        reveal=None,
    )


def shuffled_with_duplicates(
    rng: random.Random, events: list[Envelope[Any]]
) -> list[Envelope[Any]]:
    again = rng.sample(events, len(events) // 4)
    mixed = [*events, *again]
    rng.shuffle(mixed)
    return mixed


# The independent calculation ---------------------------------------------------------------


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _rounded(seconds: int) -> int:
    if seconds < 600:
        return seconds
    if seconds < 3600:
        return seconds // 10 * 10
    if seconds < 86400:
        return seconds // 60 * 60
    return seconds // 3600 * 3600


def expected_assessment(scenario: Scenario, assessment_id: UUID) -> dict[str, Any]:
    dispatches = [d for d in scenario.dispatches if d.assessment_id == assessment_id]
    answers = [a for a in scenario.answers if a.assessment_id == assessment_id]
    respondents = len({a.dispatch_id for a in answers})
    graded = [a for a in answers if a.correct is not None]
    correct = sum(1 for a in graded if a.correct)
    seconds = sorted(_rounded(int(a.seconds * 1000) // 1000) for a in answers)
    return {
        "assessment_id": str(assessment_id),
        "dispatched": len(dispatches),
        "sent": sum("sent" in d.statuses for d in dispatches),
        "delivered": sum("delivered" in d.statuses for d in dispatches),
        "bounced": sum("bounced" in d.statuses for d in dispatches),
        "suppressed": sum("suppressed" in d.statuses for d in dispatches),
        "respondents": respondents,
        "participation_rate": ratio(respondents, len(dispatches)),
        "answers": len(answers),
        "graded_answers": len(graded),
        "correct_answers": correct,
        "share_correct": ratio(correct, len(graded)),
        "mean_score": ratio(correct, respondents),
        "median_seconds_to_answer": seconds[(len(seconds) - 1) // 2] if seconds else None,
    }


def expected_questions(
    scenario: Scenario, assessment_id: UUID, questions: list[Question]
) -> list[dict[str, Any]]:
    result = []
    for question in questions:
        answers = [
            a
            for a in scenario.answers
            if a.assessment_id == assessment_id and a.question.question_id == question.question_id
        ]
        graded = [a for a in answers if a.correct is not None]
        chosen: dict[UUID, int] = defaultdict(int)
        for a in answers:
            for option in set(a.chosen):
                chosen[option] += 1
        scale_answers = [a.scale_value for a in answers if a.scale_value is not None]
        result.append(
            {
                "question_id": str(question.question_id),
                "answers": len(answers),
                "graded_answers": len(graded),
                "correct_answers": sum(1 for a in graded if a.correct),
                "free_text_answers": sum(a.free_text for a in answers),
                "options": [
                    (str(option), chosen[option], option in question.correct_ids)
                    for option in question.option_ids
                ],
                "scale": None
                if question.scale is None
                else (
                    len(scale_answers),
                    sum(scale_answers) / len(scale_answers) if scale_answers else None,
                    [
                        (value, scale_answers.count(value))
                        for value in range(question.scale[0], question.scale[1] + 1)
                    ],
                ),
            }
        )
    return result


def expected_participants(scenario: Scenario) -> dict[str, dict[str, Any]]:
    result = {}
    for person in scenario.people:
        answers = [a for a in scenario.answers if a.person is person]
        if not answers:
            continue
        graded = [a for a in answers if a.correct is not None]
        correct = sum(1 for a in graded if a.correct)
        answered_dispatches = {a.dispatch_id for a in answers}
        daily = sorted(
            (
                d
                for d in scenario.dispatches
                if d.person is person and d.kind is DispatchKind.DAILY_QUESTION
            ),
            key=lambda d: d.day,
            reverse=True,
        )
        flags = [d.dispatch_id in answered_dispatches for d in daily]
        if flags and not flags[0]:
            flags = flags[1:]
        streak = 0
        for flag in flags:
            if not flag:
                break
            streak += 1
        last = max(answer_submitted(scenario.tenant_id, a).answered_at for a in answers)
        result[person.subject_ref] = {
            "subject_ref": person.subject_ref,
            "answers": len(answers),
            "graded_answers": len(graded),
            "correct_answers": correct,
            "score": ratio(correct, len(graded)),
            "daily_question_streak": streak,
            "last_answered_at": last,
        }
    return result


def expected_trend(
    scenario: Scenario, dimension: str, min_group_size: int = 3
) -> dict[tuple[str, str], dict[str, Any]]:
    cells: dict[tuple[str, str], list[Answer]] = defaultdict(list)
    for answer in scenario.answers:
        if dimension == "day":
            keys = [""]
        elif dimension == "group":
            keys = [str(group) for group in set(answer.person.group_ids)]
        else:
            keys = list(set(answer.question.topics))
        for key in keys:
            cells[(key, answer.day.isoformat())].append(answer)
    result: dict[tuple[str, str], dict[str, Any]] = {}
    for cell, answers in cells.items():
        respondents = len({a.person.subject_ref for a in answers})
        graded = [a for a in answers if a.correct is not None]
        correct = sum(1 for a in graded if a.correct)
        if dimension != "day" and respondents < min_group_size:
            result[cell] = {"withheld": True}
        else:
            result[cell] = {
                "withheld": False,
                "answers": len(answers),
                "respondents": respondents,
                "correct_answers": correct,
                "share_correct": ratio(correct, len(graded)),
            }
    return result
