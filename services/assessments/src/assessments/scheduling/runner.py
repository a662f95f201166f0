"""One scheduler replica: plans due slots, issues planned dispatches, sends reminders."""

import asyncio
import contextlib
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError

from assessments.clock import Clock
from assessments.dispatches.issuing import IssuePolicy, issue_planned
from assessments.dispatches.reminders import remind_unanswered
from assessments.scheduling.planner import find_due_slots, invite_latecomers, plan_slot
from assessments.settings import Settings
from chassis.database import Database
from chassis.logs import get_logger

_log = get_logger("assessments.scheduler")

IssueStep = Callable[..., Awaitable[int]]
"""Claims and handles up to ``limit`` dispatches in the session's transaction."""


def new_scheduler_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class Tick:
    slots_planned: int
    dispatches_planned: int
    dispatches_claimed: int
    reminders: int


class Scheduler:
    def __init__(
        self,
        *,
        database: Database,
        settings: Settings,
        clock: Clock,
        scheduler_id: str | None = None,
    ) -> None:
        self.database = database
        self.options = settings.scheduler
        self.clock = clock
        self.scheduler_id = scheduler_id or new_scheduler_id()
        self.max_lateness = timedelta(seconds=self.options.max_lateness_seconds)
        self.policy = IssuePolicy(
            scheduler_id=self.scheduler_id,
            public_base_url=settings.public_base_url,
            token_ttl=timedelta(hours=settings.answer_token_ttl_hours),
            max_lateness=self.max_lateness,
        )

    async def run_once(self) -> Tick:
        """One pass; each slot and each batch in a transaction of its own."""
        now = self.clock()
        async with self.database.sessions() as session, session.begin():
            slots = await find_due_slots(session, now=now, max_lateness=self.max_lateness)
        slots_planned = dispatches_planned = 0
        for slot in slots:
            async with self.database.sessions() as session, session.begin():
                created = await plan_slot(session, slot=slot, scheduler_id=self.scheduler_id)
            if created is not None:
                slots_planned += 1
                dispatches_planned += created
        async with self.database.sessions() as session, session.begin():
            dispatches_planned += await invite_latecomers(session, now=now)
        claimed = await self._drain(issue_planned)
        reminders = await self._drain(remind_unanswered)
        tick = Tick(slots_planned, dispatches_planned, claimed, reminders)
        if slots_planned or claimed or reminders:
            _log.info(
                "scheduled",
                slots_planned=slots_planned,
                dispatches_planned=dispatches_planned,
                dispatches_claimed=claimed,
                reminders=reminders,
            )
        return tick

    async def _drain(self, step: IssueStep) -> int:
        total = 0
        while True:
            now = self.clock()
            async with self.database.sessions() as session, session.begin():
                done = await step(
                    session, now=now, policy=self.policy, limit=self.options.batch_size
                )
            total += done
            if done < self.options.batch_size:
                return total

    async def run(self, stop: asyncio.Event) -> None:
        _log.info("scheduling", scheduler_id=self.scheduler_id)
        while not stop.is_set():
            try:
                await self.run_once()
            except (OSError, SQLAlchemyError) as error:
                _log.warning("scheduler pass failed", error_type=type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.options.poll_seconds)
