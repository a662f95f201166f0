from uuid import UUID

from pydantic import BaseModel


class AssessmentStatistics(BaseModel):
    """One assessment: how far it reached, who answered, how well."""

    assessment_id: UUID
    kind: str | None
    """quiz or daily_questions; None until the assessment's publication is known here."""
    dispatched: int
    sent: int
    delivered: int
    bounced: int
    suppressed: int
    respondents: int
    """Dispatches answered at least once."""
    participation_rate: float | None
    """Respondents per dispatch; None before the first dispatch."""
    answers: int
    graded_answers: int
    """Answers to questions that have a correct answer."""
    correct_answers: int
    share_correct: float | None
    """Correct answers per graded answer."""
    mean_score: float | None
    """Correct answers per respondent."""
    median_seconds_to_answer: int | None
    """Median time from dispatch to answer in seconds, rounded down: to the second within ten
    minutes, to ten seconds within an hour, to the minute within a day, to the hour beyond."""


class AssessmentPage(BaseModel):
    items: list[AssessmentStatistics]
    page: int
    page_size: int
    total: int


class OptionStatistics(BaseModel):
    option_id: UUID
    chosen: int
    share: float | None
    """Of the question's answers, those that chose this option."""
    correct: bool | None
    """None until the question's publication is known here."""


class ScalePoint(BaseModel):
    value: int
    answers: int


class ScaleStatistics(BaseModel):
    minimum: int | None
    maximum: int | None
    answers: int
    mean: float | None
    distribution: list[ScalePoint]


class QuestionStatistics(BaseModel):
    """One question within one assessment."""

    question_id: UUID
    kind: str | None
    answers: int
    graded_answers: int
    correct_answers: int
    share_correct: float | None
    free_text_answers: int
    options: list[OptionStatistics]
    scale: ScaleStatistics | None


class QuestionList(BaseModel):
    assessment_id: UUID
    items: list[QuestionStatistics]
