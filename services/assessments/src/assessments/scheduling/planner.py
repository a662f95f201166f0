"""Planning: the dispatches of each due slot, created once however many schedulers run.

The slot row is inserted with ``ON CONFLICT DO NOTHING``: the scheduler whose insert wins
plans the slot in the same transaction; the others see it taken and move on. Dispatches are
unique per (assessment, participant, slot) besides.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta
from uuid import UUID

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.models import Answer
from assessments.assessments.models import Assessment, AssessmentQuestion
from assessments.client_settings.service import preferences_of_many
from assessments.database import new_id, table_of
from assessments.dispatches.models import PLANNED, Dispatch
from assessments.participants.models import Participant
from assessments.scheduling.audience import audience_ids
from assessments.scheduling.models import ScheduleSlot
from assessments.scheduling.slots import QUIZ_SLOT, DueSlot, due_slots
from contracts.events.assessments import AssessmentKind, DispatchKind

PUBLISHED = "published"


async def find_due_slots(
    session: AsyncSession, *, now: datetime, max_lateness: timedelta
) -> list[DueSlot]:
    """Due slots not planned yet, over every client."""
    earliest = (now - max_lateness - timedelta(days=2)).date()
    assessments = list(
        await session.scalars(
            select(Assessment).where(
                Assessment.status == PUBLISHED,
                or_(
                    and_(
                        Assessment.kind == AssessmentKind.QUIZ.value,
                        Assessment.opens_at <= now,
                        Assessment.closes_at > now,
                    ),
                    and_(
                        Assessment.kind == AssessmentKind.DAILY_QUESTIONS.value,
                        Assessment.starts_on <= (now + timedelta(days=1)).date(),
                        or_(Assessment.ends_on.is_(None), Assessment.ends_on >= earliest),
                    ),
                ),
            )
        )
    )
    if not assessments:
        return []
    zones = await preferences_of_many(
        session, tenant_ids={assessment.tenant_id for assessment in assessments}
    )
    candidates = [
        slot
        for assessment in assessments
        for slot in due_slots(
            assessment,
            zone=zones[assessment.tenant_id].time_zone,
            now=now,
            max_lateness=max_lateness,
        )
    ]
    if not candidates:
        return []
    planned = set(
        (
            await session.execute(
                select(ScheduleSlot.assessment_id, ScheduleSlot.slot_key).where(
                    ScheduleSlot.assessment_id.in_({slot.assessment_id for slot in candidates})
                )
            )
        ).all()
    )
    return [slot for slot in candidates if (slot.assessment_id, slot.slot_key) not in planned]


async def plan_slot(session: AsyncSession, *, slot: DueSlot, scheduler_id: str) -> int | None:
    """Creates the slot's dispatches; None when another scheduler has planned it."""
    claimed = await session.scalar(
        insert(ScheduleSlot)
        .values(
            assessment_id=slot.assessment_id,
            slot_key=slot.slot_key,
            due_at=slot.due_at,
            planned_by=scheduler_id,
        )
        .on_conflict_do_nothing()
        .returning(ScheduleSlot.slot_key)
    )
    if claimed is None:
        return None
    assessment = await session.get(Assessment, slot.assessment_id)
    if assessment is None or assessment.status != PUBLISHED:
        return 0
    participant_ids = list(
        await session.scalars(
            audience_ids(tenant_id=assessment.tenant_id, assessment_id=assessment.id)
        )
    )
    if slot.slot_key == QUIZ_SLOT:
        questions: dict[UUID, UUID | None] = dict.fromkeys(participant_ids)
        kind = DispatchKind.QUIZ_INVITATION
    else:
        questions = await _daily_questions(
            session, assessment=assessment, participant_ids=participant_ids, today=slot.local_date
        )
        kind = DispatchKind.DAILY_QUESTION
    rows = [
        {
            "id": new_id(),
            "tenant_id": assessment.tenant_id,
            "assessment_id": assessment.id,
            "participant_id": participant_id,
            "question_id": question_id,
            "kind": kind.value,
            "slot_key": slot.slot_key,
            "local_date": slot.local_date,
            "due_at": slot.due_at,
            "status": PLANNED,
            "reminders_sent": 0,
        }
        for participant_id, question_id in questions.items()
    ]
    if not rows:
        return 0
    inserted = await session.execute(
        insert(table_of(Dispatch)).on_conflict_do_nothing().returning(table_of(Dispatch).c.id),
        rows,
    )
    return len(inserted.all())


async def _daily_questions(
    session: AsyncSession,
    *,
    assessment: Assessment,
    participant_ids: list[UUID],
    today: date,
) -> dict[UUID, UUID | None]:
    """Each participant's question today: a wrongly answered one due again, else the first
    of the pool not asked yet; none when the pool is used up."""
    pool = list(
        await session.scalars(
            select(AssessmentQuestion.question_id)
            .where(AssessmentQuestion.assessment_id == assessment.id)
            .order_by(AssessmentQuestion.position)
        )
    )
    asked: dict[UUID, dict[UUID, date]] = defaultdict(dict)
    for participant_id, question_id, local_date in await session.execute(
        select(Dispatch.participant_id, Dispatch.question_id, Dispatch.local_date).where(
            Dispatch.assessment_id == assessment.id, Dispatch.question_id.is_not(None)
        )
    ):
        if question_id is None:
            continue
        previous = asked[participant_id].get(question_id)
        if previous is None or local_date > previous:
            asked[participant_id][question_id] = local_date
    wrong: dict[UUID, dict[UUID, date]] = defaultdict(dict)
    if assessment.reask_wrong_after_days:
        for answered_by, answered_question, answered_on in await session.execute(
            select(Answer.participant_id, Answer.question_id, Answer.answered_on).where(
                Answer.assessment_id == assessment.id, Answer.correct.is_(False)
            )
        ):
            if answered_by is not None:
                wrong[answered_by][answered_question] = answered_on
    chosen: dict[UUID, UUID | None] = {}
    for participant_id in participant_ids:
        question = _next_question(
            pool=pool,
            asked=asked.get(participant_id, {}),
            wrong=wrong.get(participant_id, {}),
            reask_after_days=assessment.reask_wrong_after_days,
            today=today,
        )
        if question is not None:
            chosen[participant_id] = question
    return chosen


def _next_question(
    *,
    pool: list[UUID],
    asked: dict[UUID, date],
    wrong: dict[UUID, date],
    reask_after_days: int | None,
    today: date,
) -> UUID | None:
    if reask_after_days:
        for question_id in pool:
            answered_wrong_on = wrong.get(question_id)
            if (
                answered_wrong_on is not None
                and asked.get(question_id, date.min) <= answered_wrong_on
                and (today - answered_wrong_on).days >= reask_after_days
            ):
                return question_id
    return next((question_id for question_id in pool if question_id not in asked), None)


async def invite_latecomers(session: AsyncSession, *, now: datetime) -> int:
    """Dispatches for people who joined an open quiz's audience after it was sent (added to
    it, or to one of its groups); returns how many were created."""
    open_quizzes = (
        await session.execute(
            select(Assessment.id, Assessment.tenant_id, ScheduleSlot.due_at)
            .join(ScheduleSlot, ScheduleSlot.assessment_id == Assessment.id)
            .where(
                Assessment.status == PUBLISHED,
                Assessment.kind == AssessmentKind.QUIZ.value,
                Assessment.opens_at <= now,
                Assessment.closes_at > now,
                ScheduleSlot.slot_key == QUIZ_SLOT,
            )
        )
    ).all()
    if not open_quizzes:
        return 0
    zones = await preferences_of_many(
        session, tenant_ids={tenant_id for _id, tenant_id, _due in open_quizzes}
    )
    created = 0
    for assessment_id, tenant_id, due_at in open_quizzes:
        invited = select(Dispatch.participant_id).where(Dispatch.assessment_id == assessment_id)
        latecomers = list(
            await session.scalars(
                audience_ids(tenant_id=tenant_id, assessment_id=assessment_id).where(
                    Participant.id.not_in(invited)
                )
            )
        )
        if not latecomers:
            continue
        local_date = due_at.astimezone(zones[tenant_id].time_zone).date()
        inserted = await session.execute(
            insert(table_of(Dispatch)).on_conflict_do_nothing().returning(table_of(Dispatch).c.id),
            [
                {
                    "id": new_id(),
                    "tenant_id": tenant_id,
                    "assessment_id": assessment_id,
                    "participant_id": participant_id,
                    "question_id": None,
                    "kind": DispatchKind.QUIZ_INVITATION.value,
                    "slot_key": QUIZ_SLOT,
                    "local_date": local_date,
                    "due_at": due_at,
                    "status": PLANNED,
                    "reminders_sent": 0,
                }
                for participant_id in latecomers
            ],
        )
        created += len(inserted.all())
    return created
