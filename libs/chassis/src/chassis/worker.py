"""The worker process of a service: consumes the events it subscribes to.

A data service also hands over its privacy participant: the worker then consumes the privacy
contract's events and announces its receipt-signing key at start-up.
"""

import asyncio
import contextlib
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from chassis.broker import BrokerLink
from chassis.database import Database
from chassis.logs import get_logger
from chassis.messaging.consumer import Consumer
from chassis.messaging.dead_letter_erasure import DeadLetterEraser
from chassis.messaging.subscription import Subscription
from chassis.messaging.topology import dead_letter_queue, unrouted_name
from chassis.privacy.participant import PrivacyParticipant
from chassis.privacy.registration import PrivacyRegistration, register_participant
from chassis.privacy.subscription import SUBSCRIPTION_NAME
from chassis.process import run_process
from chassis.settings import ServiceSettings

ANNOUNCE_RETRY_SECONDS = 2.0

_log = get_logger("soket.worker")


def run_worker(
    settings: ServiceSettings,
    subscriptions: Sequence[Subscription] = (),
    *,
    privacy: PrivacyParticipant | None = None,
) -> None:
    options = settings.messaging
    broker = BrokerLink(settings.rabbitmq_url, name=f"{settings.service_name}-worker")
    subscriptions = list(subscriptions)
    registration = None
    if privacy is not None:
        service = settings.service_name
        waiting_queues = [
            unrouted_name(service),
            dead_letter_queue(f"{service}.{SUBSCRIPTION_NAME}"),
            *(dead_letter_queue(subscription.queue) for subscription in subscriptions),
        ]
        registration = register_participant(
            settings, privacy, dead_letters=DeadLetterEraser(broker, waiting_queues)
        )
        subscriptions.append(registration.subscription)
    database = Database(settings.database_url, pool_size=options.consumer_concurrency + 1)
    consumer = Consumer(
        database=database, broker=broker, subscriptions=subscriptions, options=options
    )

    async def main(stop: asyncio.Event) -> None:
        try:
            if registration is not None:
                await _announce_keys(registration, database, stop)
            await consumer.run(stop)
        finally:
            await broker.close()
            await database.dispose()

    run_process(
        settings=settings,
        process="worker",
        main=main,
        checks={"database": database.ping, "broker": broker.ping, "consuming": consumer.ping},
    )


async def _announce_keys(
    registration: PrivacyRegistration, database: Database, stop: asyncio.Event
) -> None:
    """Publishes ``keys.published`` once the database answers (the relay sends it on)."""
    while not stop.is_set():
        try:
            await registration.announce_keys(database)
        except (OSError, SQLAlchemyError) as error:
            _log.warning("cannot announce keys yet", error_type=type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=ANNOUNCE_RETRY_SECONDS)
        else:
            _log.info("announced receipt key", key_id=registration.signer.key_id)
            return
