"""Every table of the service, so that ``Base.metadata`` knows them (Alembic) and a client's
export and erasure reach them all."""

from sqlalchemy import Table

from analytics.assessments.models import (
    AnswerSecondCount,
    AssessmentStats,
    OptionCount,
    QuestionStats,
    ScaleCount,
)
from analytics.database import Base, table_of
from analytics.facts.models import (
    AnswerFact,
    AssessmentInfo,
    DeletedAnswers,
    DeletedAssessment,
    DispatchFact,
    QuestionInfo,
)
from analytics.participants.models import ParticipantStats
from analytics.subjects.models import RestrictedSubject
from analytics.trends.models import TrendCell, TrendRespondent

TENANT_TABLES: tuple[Table, ...] = tuple(
    table_of(model)
    for model in (
        AssessmentInfo,
        QuestionInfo,
        DispatchFact,
        AnswerFact,
        AssessmentStats,
        AnswerSecondCount,
        QuestionStats,
        OptionCount,
        ScaleCount,
        ParticipantStats,
        TrendCell,
        TrendRespondent,
        RestrictedSubject,
        DeletedAssessment,
        DeletedAnswers,
    )
)
"""Every table holds ``tenant_id``."""

metadata = Base.metadata
