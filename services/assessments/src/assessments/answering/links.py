"""Opening an answer link: the token's dispatch, assessment, participant, the client's time
zone, the participant's groups and the questions asked with their options, in one query
(Core compiled once and run on the driver: the answer page is the hottest path of the
service)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.recording import (
    OPTION_COLUMNS,
    QUESTION_COLUMNS,
    AskedQuestion,
    DispatchFacts,
    asked_from_rows,
)
from assessments.assessments.models import Assessment, AssessmentQuestion
from assessments.client_settings.models import ClientSettings
from assessments.database import table_of
from assessments.dispatches.models import AnswerToken, Dispatch
from assessments.dispatches.tokens import token_hash, well_formed
from assessments.groups.models import GroupMember
from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction
from assessments.questions.models import Question, QuestionOption
from chassis.hot_statements import HotStatement


@dataclass(frozen=True)
class OpenedLink:
    expires_at: datetime
    dispatch: DispatchFacts
    title: str
    show_correct: bool
    language: str
    subject_ref: str
    time_zone: str | None
    """The client's, when accounts has announced it."""
    group_ids: list[UUID]
    asked: list[AskedQuestion]
    """The dispatch's question (daily) or the quiz's questions in order, with options."""
    restricted: bool
    """The person asked that their data be no longer processed (Q4): nothing is recorded."""


_TOKENS = table_of(AnswerToken)
_DISPATCHES = table_of(Dispatch)
_ASSESSMENTS = table_of(Assessment)
_ASSESSMENT_QUESTIONS = table_of(AssessmentQuestion)
_PARTICIPANTS = table_of(Participant)
_CLIENT_SETTINGS = table_of(ClientSettings)
_GROUP_MEMBERS = table_of(GroupMember)
_QUESTIONS = table_of(Question)
_OPTIONS = table_of(QuestionOption)
_RESTRICTIONS = table_of(SubjectRestriction)

_HEADER_COLUMNS = 13
"""Columns before the question's in each row of ``_OPEN_LINK``."""

_OPEN_LINK = HotStatement(
    select(
        _TOKENS.c.expires_at,
        _DISPATCHES.c.id,
        _DISPATCHES.c.tenant_id,
        _DISPATCHES.c.assessment_id,
        _DISPATCHES.c.participant_id,
        _DISPATCHES.c.question_id,
        _DISPATCHES.c.issued_at,
        _DISPATCHES.c.answered_at,
        _ASSESSMENTS.c.title,
        _ASSESSMENTS.c.show_correct,
        _PARTICIPANTS.c.language,
        _PARTICIPANTS.c.subject_ref,
        _CLIENT_SETTINGS.c.time_zone,
        *QUESTION_COLUMNS,
        *OPTION_COLUMNS,
        select(func.coalesce(func.array_agg(_GROUP_MEMBERS.c.group_id), []))
        .where(_GROUP_MEMBERS.c.participant_id == _PARTICIPANTS.c.id)
        .correlate(_PARTICIPANTS)
        .scalar_subquery()
        .label("group_ids"),
        exists()
        .where(
            _RESTRICTIONS.c.tenant_id == _DISPATCHES.c.tenant_id,
            _RESTRICTIONS.c.subject_ref == _PARTICIPANTS.c.subject_ref,
        )
        .label("restricted"),
    )
    .select_from(_TOKENS)
    .join(_DISPATCHES, _DISPATCHES.c.id == _TOKENS.c.dispatch_id)
    .join(_ASSESSMENTS, _ASSESSMENTS.c.id == _DISPATCHES.c.assessment_id)
    .join(_PARTICIPANTS, _PARTICIPANTS.c.id == _DISPATCHES.c.participant_id)
    .outerjoin(_CLIENT_SETTINGS, _CLIENT_SETTINGS.c.tenant_id == _DISPATCHES.c.tenant_id)
    .outerjoin(
        _ASSESSMENT_QUESTIONS,
        _DISPATCHES.c.question_id.is_(None)
        & (_ASSESSMENT_QUESTIONS.c.assessment_id == _DISPATCHES.c.assessment_id),
    )
    .outerjoin(
        _QUESTIONS,
        _QUESTIONS.c.id
        == func.coalesce(_DISPATCHES.c.question_id, _ASSESSMENT_QUESTIONS.c.question_id),
    )
    .outerjoin(_OPTIONS, _OPTIONS.c.question_id == _QUESTIONS.c.id)
    .where(_TOKENS.c.token_hash == bindparam("token_hash"))
    .order_by(_ASSESSMENT_QUESTIONS.c.position, _OPTIONS.c.position)
)
"""Compiled once. A daily dispatch names its question; a quiz's come in the quiz's order."""


async def open_link(session: AsyncSession, *, token: str) -> OpenedLink | None:
    if not well_formed(token):
        return None
    rows = await _OPEN_LINK.fetch(session, {"token_hash": token_hash(token)})
    if not rows:
        return None
    first = rows[0]
    return OpenedLink(
        expires_at=first[0],
        dispatch=DispatchFacts(*first[1:8]),
        title=first[8],
        show_correct=first[9],
        language=first[10],
        subject_ref=first[11],
        time_zone=first[12],
        group_ids=sorted(first["group_ids"] or []),
        asked=asked_from_rows(rows, _HEADER_COLUMNS),
        restricted=first["restricted"],
    )
