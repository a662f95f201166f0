"""The sender process: ``python -m delivery.sender``."""

import asyncio

from chassis.database import Database
from chassis.process import run_process
from delivery.channels import build_channels
from delivery.keys import DeliveryKeys
from delivery.sending.sender import Sender
from delivery.settings import Settings
from delivery.slack.members import slack_upkeep_forever


def main() -> None:
    settings = Settings()
    database = Database(settings.database_url, pool_size=4)
    sender = Sender(
        database=database, channels=build_channels(settings, database), settings=settings.sender
    )

    async def run(stop: asyncio.Event) -> None:
        sync = asyncio.create_task(
            slack_upkeep_forever(
                database.sessions,
                settings=settings,
                keys=DeliveryKeys.from_settings(settings),
                stop=stop,
            )
        )
        try:
            await sender.run(stop)
        finally:
            sync.cancel()
            await asyncio.gather(sync, return_exceptions=True)
            await database.dispose()

    run_process(
        settings=settings,
        process="sender",
        main=run,
        checks={"database": database.ping, "sending": sender.ping},
    )


if __name__ == "__main__":
    main()
