"""Events assessments publishes: dispatches, answers, assessments, questions, participants."""

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Final, Self
from uuid import UUID

from pydantic import HttpUrl, NonNegativeInt, model_validator

from contracts.base import ContractModel, EventData
from contracts.events.notifications import NotificationRequested
from contracts.vocabulary import (
    EmailAddress,
    Language,
    SlackUser,
    SubjectRef,
    Text,
    UtcDatetime,
)

DISPATCH_REQUESTED: Final = "assessments.dispatch.requested.v1"
DISPATCH_CREATED: Final = "assessments.dispatch.created.v1"
ANSWER_SUBMITTED: Final = "assessments.answer.submitted.v1"
ASSESSMENT_PUBLISHED: Final = "assessments.assessment.published.v1"
ASSESSMENT_DELETED: Final = "assessments.assessment.deleted.v1"
ASSESSMENT_ANSWERS_DELETED: Final = "assessments.assessment.answers_deleted.v1"
QUESTION_PUBLISHED: Final = "assessments.question.published.v1"
PARTICIPANT_REMOVED: Final = "assessments.participant.removed.v1"
PARTICIPANT_REKEYED: Final = "assessments.participant.rekeyed.v1"
NOTIFICATION_REQUESTED: Final = "assessments.notification.requested.v1"


class DispatchKind(StrEnum):
    """Why a participant is being contacted."""

    QUIZ_INVITATION = "quiz_invitation"
    DAILY_QUESTION = "daily_question"
    REMINDER = "reminder"


class QuestionKind(StrEnum):
    """How a question is answered."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    FREE_TEXT = "free_text"
    SCALE = "scale"


class AssessmentKind(StrEnum):
    """A one-off quiz or a series of daily questions."""

    QUIZ = "quiz"
    DAILY_QUESTIONS = "daily_questions"


class DispatchContacts(ContractModel):
    """Where a participant may be reached: one contact per channel the assessment allows."""

    email: EmailAddress | None
    slack: SlackUser | None

    @model_validator(mode="after")
    def _at_least_one(self) -> Self:
        if self.email is None and self.slack is None:
            raise ValueError("a dispatch needs at least one contact")
        return self


class RenderedOption(ContractModel):
    """An answer option as the participant sees it."""

    option_id: UUID
    label: Text


class RenderedQuestion(ContractModel):
    """A question as the participant sees it, in the participant's language."""

    question_id: UUID
    kind: QuestionKind
    text: Text
    options: list[RenderedOption]
    """Choices in display order; one per point for a scale; none for free text."""


class DispatchRequested(EventData):
    """Ask delivery to bring one question, or one quiz invitation, to one participant."""

    dispatch_id: UUID
    tenant_id: UUID
    assessment_id: UUID
    kind: DispatchKind
    subject_ref: SubjectRef
    language: Language
    contacts: DispatchContacts
    email_fallback: bool
    """Send by email when the Slack message fails for good."""
    title: Text
    """The assessment's title."""
    question: RenderedQuestion | None
    """The question to show; None when the quiz is answered on the answer page."""
    answer_url: HttpUrl
    """The participant's own answer link (it carries their answer token)."""
    answer_by: UtcDatetime
    """When the answer link expires."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.email_fallback and self.contacts.email is None:
            raise ValueError("email fallback needs an email contact")
        if self.kind is DispatchKind.DAILY_QUESTION and self.question is None:
            raise ValueError("a daily question dispatch carries its question")
        if self.kind is DispatchKind.QUIZ_INVITATION and self.question is not None:
            raise ValueError("a quiz invitation carries no question: the quiz is on the page")
        return self


class DispatchCreated(EventData):
    """A dispatch exists: dispatch.requested without contacts or content, for statistics."""

    dispatch_id: UUID
    tenant_id: UUID
    assessment_id: UUID
    question_id: UUID | None
    """None for a quiz invitation (the whole quiz)."""
    kind: DispatchKind
    subject_ref: SubjectRef
    group_ids: list[UUID]
    dispatched_on: date
    """The day of the dispatch in the client's time zone."""


class AnswerReveal(ContractModel):
    """What the participant is shown after answering, when the assessment allows it."""

    correct_option_ids: list[UUID]
    explanation: Text | None


class AnswerSubmitted(EventData):
    """A participant answered one question: pseudonymous facts, never the free text itself."""

    tenant_id: UUID
    assessment_id: UUID
    question_id: UUID
    topics: list[Text]
    group_ids: list[UUID]
    dispatch_id: UUID
    subject_ref: SubjectRef
    chosen_option_ids: list[UUID]
    correct: bool | None
    """None when the question has no correct answer."""
    scale_value: int | None
    """The point chosen on a scale question."""
    free_text_given: bool
    time_to_answer_ms: NonNegativeInt
    """From the dispatch to the answer."""
    answered_at: UtcDatetime
    answered_on: date
    """The day of the answer in the client's time zone."""
    reveal: AnswerReveal | None
    """Shown after answering (e.g. in the Slack message), when the assessment allows it."""


class AssessmentPublished(EventData):
    """An assessment was published (or republished after a change)."""

    tenant_id: UUID
    assessment_id: UUID
    kind: AssessmentKind
    title: Text
    question_ids: list[UUID]


class AssessmentDeleted(EventData):
    """An assessment and its answers were deleted: drop everything about it."""

    tenant_id: UUID
    assessment_id: UUID


class AssessmentAnswersDeleted(EventData):
    """The client deleted the answers of an assessment, keeping the assessment and its
    questions (P13): drop those answers and every figure counted from them, now."""

    tenant_id: UUID
    assessment_id: UUID
    answered_before: UtcDatetime
    """Every answer of the assessment given before this moment is gone; one given later is
    new and counts (an ``answer.submitted`` from before it that arrives late is ignored)."""


class PublishedOption(ContractModel):
    """An answer option and whether it is correct."""

    option_id: UUID
    label: Text
    correct: bool


class ScaleRange(ContractModel):
    """The points of a scale question, inclusive."""

    minimum: int
    maximum: int

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.minimum >= self.maximum:
            raise ValueError("a scale's minimum is below its maximum")
        return self


class QuestionPublished(EventData):
    """A question was published (or republished after a change)."""

    tenant_id: UUID
    question_id: UUID
    kind: QuestionKind
    text: Text
    topics: list[Text]
    options: list[PublishedOption]
    scale: ScaleRange | None
    """The range of a scale question; None for other kinds."""

    @model_validator(mode="after")
    def _scale_only_for_scales(self) -> Self:
        if (self.scale is not None) != (self.kind is QuestionKind.SCALE):
            raise ValueError("a scale question, and only a scale question, has a scale")
        return self


class ParticipantRemoved(EventData):
    """The client deleted a participant: drop every per-person row about them now."""

    tenant_id: UUID
    subject_ref: SubjectRef


class ParticipantRekeyed(EventData):
    """The client changed a participant's email, and so their ``subject_ref``: file every row
    held under the old reference under the new one. No email travels."""

    tenant_id: UUID
    subject_ref: SubjectRef
    """The reference under the old email."""
    new_subject_ref: SubjectRef
    """The reference under the new email."""

    @model_validator(mode="after")
    def _changes_the_reference(self) -> Self:
        if self.subject_ref == self.new_subject_ref:
            raise ValueError("a re-keying moves rows to another subject_ref")
        return self


EVENTS: Final[Mapping[str, type[EventData]]] = {
    DISPATCH_REQUESTED: DispatchRequested,
    DISPATCH_CREATED: DispatchCreated,
    ANSWER_SUBMITTED: AnswerSubmitted,
    ASSESSMENT_PUBLISHED: AssessmentPublished,
    ASSESSMENT_DELETED: AssessmentDeleted,
    ASSESSMENT_ANSWERS_DELETED: AssessmentAnswersDeleted,
    QUESTION_PUBLISHED: QuestionPublished,
    PARTICIPANT_REMOVED: ParticipantRemoved,
    PARTICIPANT_REKEYED: ParticipantRekeyed,
    NOTIFICATION_REQUESTED: NotificationRequested,
}
