"""Token guessing is throttled: each address may try only so many unknown tokens a minute."""

import time
from collections import deque

WINDOW_SECONDS = 60.0
MAX_ADDRESSES = 100_000


class GuessThrottle:
    def __init__(self, *, limit: int, window_seconds: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window_seconds
        self._misses: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float]:
        misses = self._misses.get(address)
        if misses is None:
            return deque()
        while misses and now - misses[0] > self.window:
            misses.popleft()
        if not misses:
            del self._misses[address]
        return misses

    def blocked(self, address: str) -> bool:
        return len(self._recent(address, time.monotonic())) >= self.limit

    def missed(self, address: str) -> None:
        now = time.monotonic()
        if len(self._misses) >= MAX_ADDRESSES:
            self._misses.clear()
        self._recent(address, now)
        self._misses.setdefault(address, deque()).append(now)
