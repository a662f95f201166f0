"""The scheduler process: ``python -m privacy.scheduler``: the saga's retries and timeouts,
stale intakes, expired exports, forgotten emails, retention runs, offboardings and breach
escalations. Each task runs in its own transaction; several schedulers may run at once (tasks
claim rows with ``FOR UPDATE SKIP LOCKED``)."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.process import run_process
from privacy.breaches.escalation import escalate_due_breaches
from privacy.clock import Clock, system_clock
from privacy.exports.purge import purge_expired_exports
from privacy.intake.service import close_stale_intakes
from privacy.offboarding.scheduling import erase_due_clients
from privacy.requests.minimisation import forget_closed_emails
from privacy.retention.scheduling import start_due_runs
from privacy.saga.retries import run_due_jobs
from privacy.settings import Settings

_log = logging.getLogger(__name__)

Task = Callable[[AsyncSession, Settings, datetime], Awaitable[int]]


async def _jobs(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await run_due_jobs(session, settings=settings, now=now)


async def _exports(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await purge_expired_exports(session, now=now, settings=settings)


async def _emails(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await forget_closed_emails(session, settings=settings, now=now)


async def _intakes(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await close_stale_intakes(session, settings=settings, now=now)


async def _retention(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await start_due_runs(session, settings=settings, now=now)


async def _offboardings(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await erase_due_clients(session, settings=settings, now=now)


async def _breaches(session: AsyncSession, settings: Settings, now: datetime) -> int:
    return await escalate_due_breaches(session, settings=settings, now=now)


TASKS: dict[str, Task] = {
    "jobs": _jobs,
    "intakes": _intakes,
    "exports": _exports,
    "emails": _emails,
    "retention": _retention,
    "offboardings": _offboardings,
    "breaches": _breaches,
}


async def run_tasks_once(database: Database, settings: Settings, clock: Clock) -> dict[str, int]:
    """Runs every task once, each committed on its own; what each touched."""
    touched: dict[str, int] = {}
    for name, task in TASKS.items():
        async with database.sessions() as session, session.begin():
            touched[name] = await task(session, settings, clock())
    return touched


async def run_scheduler(
    stop: asyncio.Event, *, database: Database, settings: Settings, clock: Clock
) -> None:
    while not stop.is_set():
        try:
            await run_tasks_once(database, settings, clock)
        except Exception:  # noqa: BLE001 - one bad pass must not stop the scheduler
            _log.exception("privacy scheduler pass failed; trying again")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.scheduler_interval_seconds)


def main() -> None:
    settings = Settings()
    database = Database(settings.database_url, pool_size=2)

    async def loop(stop: asyncio.Event) -> None:
        try:
            await run_scheduler(stop, database=database, settings=settings, clock=system_clock)
        finally:
            await database.dispose()

    run_process(
        settings=settings, process="scheduler", main=loop, checks={"database": database.ping}
    )


if __name__ == "__main__":
    main()
