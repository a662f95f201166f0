"""Waiting, in tests, for a condition that other processes make true."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any


async def eventually(
    probe: Callable[[], Awaitable[Any]],
    good: Callable[[Any], bool],
    *,
    within: float = 60,
    what: str = "",
) -> Any:
    """Polls ``probe`` until ``good`` accepts what it found; returns that, or fails after
    ``within`` seconds saying what it last found."""
    deadline = time.monotonic() + within
    while not good(found := await probe()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: {found} after {within} s")
        await asyncio.sleep(0.1)
    return found
