"""How many things a second happened lately: a sliding window of their times."""

import time
from collections import deque


class Throughput:
    def __init__(self, *, window_seconds: float = 1.0) -> None:
        self.window_seconds = window_seconds
        self._times: deque[float] = deque()

    def record(self) -> None:
        self._times.append(time.monotonic())

    def per_second(self) -> float:
        horizon = time.monotonic() - self.window_seconds
        while self._times and self._times[0] < horizon:
            self._times.popleft()
        return len(self._times) / self.window_seconds
