"""Every ORM model of the service, imported so that ``Base.metadata`` holds them all."""

from assessments.answering.models import Answer
from assessments.assessments.models import (
    Assessment,
    AssessmentGroup,
    AssessmentParticipant,
    AssessmentQuestion,
)
from assessments.client_settings.models import ClientSettings
from assessments.database import Base
from assessments.dispatches.models import AnswerToken, Dispatch
from assessments.groups.models import GroupMember, ParticipantGroup
from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction
from assessments.questions.models import Question, QuestionOption, QuestionReport
from assessments.scheduling.models import ScheduleSlot

__all__ = [
    "Answer",
    "AnswerToken",
    "Assessment",
    "AssessmentGroup",
    "AssessmentParticipant",
    "AssessmentQuestion",
    "Base",
    "ClientSettings",
    "Dispatch",
    "GroupMember",
    "Participant",
    "ParticipantGroup",
    "Question",
    "QuestionOption",
    "QuestionReport",
    "ScheduleSlot",
    "SubjectRestriction",
]
