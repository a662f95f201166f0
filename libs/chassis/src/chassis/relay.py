"""The relay process of a service: publishes its outbox to the broker."""

import asyncio

from chassis.broker import BrokerLink
from chassis.database import Database
from chassis.messaging.relay import Relay
from chassis.process import run_process
from chassis.settings import ServiceSettings


def run_relay(settings: ServiceSettings) -> None:
    database = Database(settings.database_url, pool_size=2)
    broker = BrokerLink(settings.rabbitmq_url, name=f"{settings.service_name}-relay")
    relay = Relay(
        service=settings.service_name,
        database=database,
        database_url=settings.database_url,
        broker=broker,
        options=settings.messaging,
    )

    async def main(stop: asyncio.Event) -> None:
        try:
            await relay.run(stop)
        finally:
            await broker.close()
            await database.dispose()

    run_process(
        settings=settings,
        process="relay",
        main=main,
        checks={"database": database.ping, "broker": broker.ping},
    )
