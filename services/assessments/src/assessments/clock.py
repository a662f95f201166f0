"""The time, injected: the scheduler and answer-token expiry take a clock, so tests set it."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)
