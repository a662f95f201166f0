from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.events.assessments import QuestionKind

QuestionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
]
OptionLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Explanation = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)
]

MAX_SCALE_POINTS = 11


class OptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: UUID | None = None
    """An existing option's id keeps it (answers refer to it); a new option has none."""
    label: OptionLabel
    correct: bool = False


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid")

    minimum: int = Field(ge=-100, le=100)
    maximum: int = Field(ge=-100, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.minimum >= self.maximum:
            raise ValueError("a scale's minimum must be below its maximum")
        if self.maximum - self.minimum + 1 > MAX_SCALE_POINTS:
            raise ValueError(f"a scale has at most {MAX_SCALE_POINTS} points")
        return self


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: QuestionKind
    text: QuestionText
    explanation: Explanation | None = None
    """Shown after answering when the assessment shows correct answers."""
    topics: list[Topic] = Field(default_factory=list, max_length=20)
    options: list[OptionIn] = Field(default_factory=list, max_length=20)
    scale: Scale | None = None

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Self:
        choice = self.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)
        if choice and len(self.options) < 2:
            raise ValueError("a choice question needs at least two options")
        if not choice and self.options:
            raise ValueError(f"a {self.kind} question has no options")
        if self.kind is QuestionKind.SINGLE_CHOICE and sum(o.correct for o in self.options) > 1:
            raise ValueError("a single-choice question has at most one correct option")
        if (self.scale is not None) != (self.kind is QuestionKind.SCALE):
            raise ValueError("a scale question, and only a scale question, has a scale")
        ids = [option.id for option in self.options if option.id is not None]
        if len(ids) != len(set(ids)):
            raise ValueError("an option id appears twice")
        return self


class OptionRead(BaseModel):
    id: UUID
    label: str
    correct: bool


class QuestionRead(BaseModel):
    id: UUID
    kind: QuestionKind
    text: str
    explanation: str | None
    topics: list[str]
    options: list[OptionRead]
    scale: Scale | None
    report_count: int
    flagged: bool
    """Participants reported it: the client should look at it (P16)."""
    created_at: datetime
    updated_at: datetime
