"""The time the privacy service reads: injected, so the legal clock can be tested."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

Clock = Callable[[], datetime]
"""Returns the current moment, timezone-aware in UTC."""


def system_clock() -> datetime:
    return datetime.now(UTC)


def _clock(request: Request) -> Clock:
    clock: Clock = getattr(request.app.state, "clock", system_clock)
    return clock


def _now(clock: Annotated[Clock, Depends(_clock)]) -> datetime:
    return clock()


Now = Annotated[datetime, Depends(_now)]
"""The current moment in a route; tests set ``app.state.clock`` to move it."""
