from datetime import date, datetime, time
from typing import Annotated, Self
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.events.assessments import AssessmentKind
from contracts.vocabulary import Channel

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Weekday = Annotated[int, Field(ge=1, le=7)]
"""ISO: 1 is Monday, 7 Sunday."""


class AssessmentIn(BaseModel):
    """A quiz (opens_at, closes_at) or daily questions (weekdays, send_time, starts_on)."""

    model_config = ConfigDict(extra="forbid")

    kind: AssessmentKind
    title: Title
    question_ids: list[UUID] = Field(min_length=1, max_length=500)
    """A quiz's questions in order, or the pool of daily questions."""
    participant_ids: list[UUID] = Field(default_factory=list, max_length=50_000)
    group_ids: list[UUID] = Field(default_factory=list, max_length=500)
    channels: list[Channel] = Field(min_length=1, max_length=2)
    email_fallback: bool = False
    """Send by email when the Slack message fails for good."""
    show_correct: bool = False
    """Show the correct answer and the explanation after answering."""
    opens_at: AwareDatetime | None = None
    closes_at: AwareDatetime | None = None
    weekdays: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    send_time: time | None = None
    """Local time of day in the client's time zone."""
    starts_on: date | None = None
    ends_on: date | None = None
    reask_wrong_after_days: int | None = Field(default=None, ge=1, le=365)
    """Ask a wrongly answered question again this many days later."""
    reminder_after_hours: int | None = Field(default=None, ge=1, le=24 * 14)
    max_reminders: int = Field(default=0, ge=0, le=5)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Self:
        if len(set(self.channels)) != len(self.channels):
            raise ValueError("a channel appears twice")
        if self.email_fallback and Channel.SLACK not in self.channels:
            raise ValueError("email fallback is for Slack messages: add the slack channel")
        if len(set(self.question_ids)) != len(self.question_ids):
            raise ValueError("a question appears twice")
        if self.max_reminders and self.reminder_after_hours is None:
            raise ValueError("reminders need reminder_after_hours")
        daily_fields = (self.weekdays, self.send_time, self.starts_on, self.ends_on)
        if self.kind is AssessmentKind.QUIZ:
            if self.opens_at is None or self.closes_at is None:
                raise ValueError("a quiz needs opens_at and closes_at")
            if self.closes_at <= self.opens_at:
                raise ValueError("a quiz closes after it opens")
            if any(value is not None for value in daily_fields) or self.reask_wrong_after_days:
                raise ValueError("weekdays, send_time, dates and re-asking are for daily questions")
        else:
            if self.weekdays is None or self.send_time is None or self.starts_on is None:
                raise ValueError("daily questions need weekdays, send_time and starts_on")
            if self.send_time.tzinfo is not None:
                raise ValueError("send_time is a local time in the client's time zone")
            if self.ends_on is not None and self.ends_on < self.starts_on:
                raise ValueError("daily questions end on or after the day they start")
            if self.opens_at is not None or self.closes_at is not None:
                raise ValueError("opens_at and closes_at are for quizzes")
        return self


class AssessmentRead(BaseModel):
    id: UUID
    kind: AssessmentKind
    title: str
    status: str
    question_ids: list[UUID]
    participant_ids: list[UUID]
    group_ids: list[UUID]
    channels: list[Channel]
    email_fallback: bool
    show_correct: bool
    opens_at: datetime | None
    closes_at: datetime | None
    weekdays: list[int] | None
    send_time: time | None
    starts_on: date | None
    ends_on: date | None
    reask_wrong_after_days: int | None
    reminder_after_hours: int | None
    max_reminders: int
    created_at: datetime
    published_at: datetime | None


class OptionCount(BaseModel):
    option_id: UUID
    label: str
    correct: bool
    count: int


class QuestionResults(BaseModel):
    question_id: UUID
    answers: int
    correct_answers: int
    options: list[OptionCount]


class AssessmentResults(BaseModel):
    """Answer counts (P3): per question and option; anonymous rows included."""

    assessment_id: UUID
    dispatches: int
    answered_dispatches: int
    questions: list[QuestionResults]
