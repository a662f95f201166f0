"""The scheduler process: ``python -m assessments.scheduler`` (run as many as you like)."""

import asyncio

from assessments.clock import system_clock
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from chassis.database import Database
from chassis.process import run_process


def main() -> None:
    settings = Settings()
    database = Database(settings.database_url, pool_size=2)
    scheduler = Scheduler(database=database, settings=settings, clock=system_clock)

    async def loop(stop: asyncio.Event) -> None:
        try:
            await scheduler.run(stop)
        finally:
            await database.dispose()

    run_process(
        settings=settings, process="scheduler", main=loop, checks={"database": database.ping}
    )


if __name__ == "__main__":
    main()
