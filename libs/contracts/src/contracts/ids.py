"""UUIDv7 (RFC 9562): time-ordered ids for envelopes, monotonic within a process."""

import secrets
import threading
import time
from datetime import UTC, datetime
from uuid import UUID

_COUNTER_MAX = 0xFFF
_COUNTER_SEED_BITS = 11  # a random start below half the counter leaves room to count up


class _Uuid7Clock:
    """Hands out UUIDv7s whose 48-bit millisecond time and 12-bit counter never go back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = 0
        self._counter = 0

    def next_id(self) -> UUID:
        with self._lock:
            now_ms = time.time_ns() // 1_000_000
            if now_ms > self._last_ms:
                self._last_ms = now_ms
                self._counter = secrets.randbits(_COUNTER_SEED_BITS)
            elif self._counter < _COUNTER_MAX:
                self._counter += 1
            else:
                self._last_ms += 1
                self._counter = secrets.randbits(_COUNTER_SEED_BITS)
            unix_ms, counter = self._last_ms, self._counter
        value = (
            (unix_ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | secrets.randbits(62)
        )
        return UUID(int=value)


_clock = _Uuid7Clock()


def uuid7() -> UUID:
    """A new UUIDv7; ids made later in the same process sort after earlier ones."""
    return _clock.next_id()


def uuid7_time(value: UUID) -> datetime:
    """The moment (millisecond precision, UTC) a UUIDv7 was made."""
    if value.version != 7:
        raise ValueError(f"{value} is a UUIDv{value.version}, not a UUIDv7")
    return datetime.fromtimestamp((value.int >> 80) / 1000, tz=UTC)
