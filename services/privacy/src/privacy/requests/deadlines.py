"""The legal clock (GDPR art. 12(3), Q6): one month from receipt, paused while unverified,
extended once by at most two more months."""

import calendar
from datetime import UTC, date, datetime

NEARLY_DUE_DAYS = 7
"""A request with this many days left or fewer is listed as nearly due."""


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` calendar months later, clamped to that month's last day
    (31 January + 1 month = 28 or 29 February)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due_after_receipt(received_at: datetime) -> datetime:
    return add_months(received_at, 1)


def due_on(due_at: datetime) -> date:
    """The calendar day (UTC) a request is due."""
    return due_at.astimezone(UTC).date()


def days_left(due_at: datetime, now: datetime) -> int:
    """Whole calendar days from today to the due day; negative once overdue."""
    return (due_on(due_at) - now.astimezone(UTC).date()).days


def is_overdue(due_at: datetime, now: datetime) -> bool:
    return due_at < now


def effective_due_at(due_at: datetime, *, paused_since: datetime | None, now: datetime) -> datetime:
    """The due moment as of ``now``: a clock paused since ``paused_since`` has not run since."""
    return due_at if paused_since is None else due_at + (now - paused_since)
