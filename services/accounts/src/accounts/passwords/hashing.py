"""bcrypt off the event loop, a bounded number at a time."""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import bcrypt

T = TypeVar("T")


class PasswordHasher:
    """Hashes and checks passwords in a small thread pool of its own.

    At most ``concurrency`` hashes run at once; further logins wait their turn without
    holding the event loop, so requests that need no hash are served meanwhile.
    """

    def __init__(self, *, cost: int, concurrency: int) -> None:
        self.cost = cost
        self._slots = asyncio.Semaphore(concurrency)
        self._threads = ThreadPoolExecutor(
            max_workers=concurrency, thread_name_prefix="password-hash"
        )
        # Made up front: a first unknown-email login must not take longer than the others.
        self._dummy_hash = bcrypt.hashpw(b"no such account", bcrypt.gensalt(rounds=cost))

    async def hash(self, password: str) -> str:
        salt = bcrypt.gensalt(rounds=self.cost)
        hashed = await self._run(bcrypt.hashpw, password.encode("utf-8"), salt)
        return hashed.decode("ascii")

    async def verify(self, password: str, hashed: str | None) -> bool:
        """Whether ``password`` matches; with no hash (unknown email, no password set yet)
        a check of the same cost still runs, so the answer takes as long either way."""
        if hashed is None:
            await self._run(bcrypt.checkpw, password.encode("utf-8"), self._dummy_hash)
            return False
        return await self._run(bcrypt.checkpw, password.encode("utf-8"), hashed.encode("ascii"))

    async def _run(self, function: Callable[[bytes, bytes], T], password: bytes, other: bytes) -> T:
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._threads, function, password, other)

    def close(self) -> None:
        self._threads.shutdown(wait=False)
