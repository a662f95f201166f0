"""The worker process of a service: consumes the events it subscribes to."""

import asyncio
from collections.abc import Sequence

from chassis.broker import BrokerLink
from chassis.database import Database
from chassis.messaging.consumer import Consumer
from chassis.messaging.subscription import Subscription
from chassis.process import run_process
from chassis.settings import ServiceSettings


def run_worker(settings: ServiceSettings, subscriptions: Sequence[Subscription] = ()) -> None:
    options = settings.messaging
    database = Database(settings.database_url, pool_size=options.consumer_concurrency)
    broker = BrokerLink(settings.rabbitmq_url, name=f"{settings.service_name}-worker")
    consumer = Consumer(
        database=database, broker=broker, subscriptions=subscriptions, options=options
    )

    async def main(stop: asyncio.Event) -> None:
        try:
            await consumer.run(stop)
        finally:
            await broker.close()
            await database.dispose()

    run_process(
        settings=settings,
        process="worker",
        main=main,
        checks={"database": database.ping, "broker": broker.ping},
    )
