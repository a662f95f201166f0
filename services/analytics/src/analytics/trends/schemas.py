from datetime import date
from enum import StrEnum

from pydantic import BaseModel


class Dimension(StrEnum):
    """How the trend is broken down: the day overall, or per group or topic and day."""

    DAY = "day"
    GROUP = "group"
    TOPIC = "topic"


class TrendRow(BaseModel):
    """Answers of one day, overall or in one group or topic; withheld when too few answered."""

    dimension: Dimension
    key: str
    """The group id or the topic; empty for the day overall."""
    day: date
    withheld: bool
    withheld_reason: str | None
    answers: int | None
    respondents: int | None
    correct_answers: int | None
    share_correct: float | None
    """Correct answers per graded answer; None when none was graded."""


class TrendPage(BaseModel):
    items: list[TrendRow]
    page: int
    page_size: int
    total: int
    min_group_size: int
    """Breakdowns by group or topic with fewer respondents than this are withheld."""
