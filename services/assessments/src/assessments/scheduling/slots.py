"""When sends are due: a quiz once when it opens, daily questions at a local time.

Daily times are local to the client's time zone. A local time that does not exist (the hour
skipped when clocks go forward) is sent at the same wall time after the change; one that
happens twice (clocks go back) is sent at its first occurrence. Either way once a day, as
the slot is the local date.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from assessments.assessments.models import Assessment
from contracts.events.assessments import AssessmentKind

QUIZ_SLOT = "quiz"


@dataclass(frozen=True)
class DueSlot:
    assessment_id: UUID
    tenant_id: UUID
    slot_key: str
    local_date: date
    due_at: datetime


def local_moment(local_date: date, local_time: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a date in a zone (first one if repeated; a
    skipped time moves forward by the gap)."""
    # fold=0 reads a skipped wall time with the offset before the change, and picks the
    # first of a repeated one.
    return datetime.combine(local_date, local_time, tzinfo=zone).replace(fold=0).astimezone(UTC)


def due_slots(
    assessment: Assessment, *, zone: ZoneInfo, now: datetime, max_lateness: timedelta
) -> list[DueSlot]:
    """The sends of ``assessment`` that are due at ``now`` and not yet too late."""
    if assessment.kind == AssessmentKind.QUIZ.value:
        opens_at, closes_at = assessment.opens_at, assessment.closes_at
        if opens_at is None or closes_at is None or not opens_at <= now < closes_at:
            return []
        local = opens_at.astimezone(zone).date()
        return [DueSlot(assessment.id, assessment.tenant_id, QUIZ_SLOT, local, opens_at)]
    if assessment.send_time is None or assessment.starts_on is None or not assessment.weekdays:
        return []
    slots = []
    day = (now - max_lateness).astimezone(zone).date() - timedelta(days=1)
    today = now.astimezone(zone).date()
    while day <= today:
        due_at = local_moment(day, assessment.send_time, zone)
        on_schedule = (
            day >= assessment.starts_on
            and (assessment.ends_on is None or day <= assessment.ends_on)
            and day.isoweekday() in assessment.weekdays
        )
        if on_schedule and due_at <= now and now - due_at <= max_lateness:
            slots.append(DueSlot(assessment.id, assessment.tenant_id, day.isoformat(), day, due_at))
        day += timedelta(days=1)
    return slots
