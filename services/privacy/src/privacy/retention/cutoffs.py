"""Where a run cuts: rows older than this go."""

from datetime import UTC, datetime, timedelta


def cutoff_for(*, period_days: int, now: datetime) -> datetime:
    """The start of today (UTC) less the period: the same cutoff all day, so a dry run and
    the run after it count the same rows, and a second run that day removes nothing more."""
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=period_days)
