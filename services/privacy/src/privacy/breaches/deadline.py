"""The 72-hour clock of GDPR art. 33(1): from discovery to notifying the authority."""

from datetime import datetime, timedelta

from privacy.breaches.models import Breach
from privacy.breaches.options import BreachOptions


def deadline_of(breach: Breach, *, options: BreachOptions) -> datetime:
    return breach.discovered_at + timedelta(hours=options.authority_deadline_hours)


def hours_left(breach: Breach, *, options: BreachOptions, now: datetime) -> float:
    """Hours until the deadline (negative once overdue); once the authority is notified,
    the margin it was notified with."""
    moment = breach.authority_notified_at or now
    return round((deadline_of(breach, options=options) - moment).total_seconds() / 3600, 2)


def due_marks(breach: Breach, *, options: BreachOptions, now: datetime) -> list[int]:
    """Escalation marks passed and not yet emailed about; none once the authority knows."""
    if breach.authority_notified_at is not None:
        return []
    left = hours_left(breach, options=options, now=now)
    done = set(breach.escalated_marks)
    return [mark for mark in options.escalation_hours_left if left <= mark and mark not in done]
