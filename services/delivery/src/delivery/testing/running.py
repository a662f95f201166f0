"""Delivery's worker consumer and sender run inside the caller's event loop (tests, bench)."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from chassis.broker import BrokerLink
from chassis.database import Database
from chassis.messaging.consumer import Consumer
from chassis.messaging.subscription import Subscription
from chassis.privacy.registration import register_participant
from delivery.privacy.participant import DeliveryParticipant
from delivery.sending.sender import ChannelSender, Sender
from delivery.settings import Settings
from delivery.worker import subscriptions


@dataclass
class Running:
    consumer: Consumer
    sender: Sender | None


@asynccontextmanager
async def running_delivery(
    settings: Settings,
    database: Database,
    *,
    channels: Sequence[ChannelSender] | None,
    extra: Sequence[Subscription] = (),
) -> AsyncIterator[Running]:
    """The worker's subscriptions (privacy included) and, with ``channels``, a sender."""
    registration = register_participant(settings, DeliveryParticipant())
    broker = BrokerLink(settings.rabbitmq_url, name="delivery-test-worker")
    consumer = Consumer(
        database=database,
        broker=broker,
        subscriptions=[*subscriptions(), registration.subscription, *extra],
        options=settings.messaging,
    )
    sender = (
        None
        if channels is None
        else Sender(database=database, channels=channels, settings=settings.sender)
    )
    stop = asyncio.Event()
    tasks = [asyncio.create_task(consumer.run(stop))]
    if sender is not None:
        tasks.append(asyncio.create_task(sender.run(stop)))
    try:
        for _ in range(600):
            try:
                await consumer.ping()
                if sender is not None:
                    await sender.ping()
                break
            except (ConnectionError, RuntimeError):
                if any(task.done() for task in tasks):
                    await asyncio.gather(*tasks)
                await asyncio.sleep(0.05)
        yield Running(consumer=consumer, sender=sender)
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await broker.close()
