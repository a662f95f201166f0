from datetime import datetime

from pydantic import BaseModel


class ParticipantStatistics(BaseModel):
    """One person, known here only by ``subject_ref`` (the web app adds the name)."""

    subject_ref: str
    answers: int
    graded_answers: int
    correct_answers: int
    score: float | None
    """Correct answers per graded answer."""
    daily_question_streak: int
    """Daily questions answered in a row, counting back from the latest (which, unanswered,
    does not break the streak: it may still be open)."""
    last_answered_at: datetime


class ParticipantPage(BaseModel):
    items: list[ParticipantStatistics]
    page: int
    page_size: int
    total: int
