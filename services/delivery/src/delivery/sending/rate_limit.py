"""A token bucket: at most ``rate`` acquisitions per second, bursts up to ``burst``."""

import asyncio
import time


class RateLimiter:
    def __init__(self, rate: float, *, burst: float | None = None) -> None:
        self.rate = rate
        self.burst = max(1.0, burst if burst is not None else rate / 10)
        self._tokens = self.burst
        self._updated = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
                self._updated = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self.rate)

    def hold_off(self, seconds: float) -> None:
        """Send nothing for ``seconds`` from now: the provider said we went too fast."""
        self._tokens = min(self._tokens, -seconds * self.rate)
        self._updated = time.monotonic()
