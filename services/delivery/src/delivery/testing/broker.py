"""Publishing another service's events straight to its exchange, as its relay would."""

import asyncio
from collections.abc import Sequence
from typing import Any

import aio_pika

from chassis.messaging.topology import declare, events_exchange, producer_topology
from chassis.settings import MessagingOptions
from contracts.envelope import Envelope

PUBLISH_WINDOW = 500
"""Publishes awaiting their confirms at once, as a relay's batch does."""


async def publish_envelopes(
    rabbitmq_url: str, envelopes: Sequence[Envelope[Any]], options: MessagingOptions
) -> None:
    """Publishes persistent, mandatory, confirmed, like a relay (producer topology declared);
    messages of one producer keep their order."""
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        for producer in sorted({str(envelope.source) for envelope in envelopes}):
            await declare(channel, producer_topology(producer, options))
        exchanges = {
            producer: await channel.get_exchange(events_exchange(producer), ensure=False)
            for producer in {str(envelope.source) for envelope in envelopes}
        }
        for start in range(0, len(envelopes), PUBLISH_WINDOW):
            await asyncio.gather(
                *(
                    exchanges[str(envelope.source)].publish(
                        aio_pika.Message(
                            envelope.to_json(),
                            content_type="application/json",
                            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                            message_id=str(envelope.id),
                            type=envelope.type,
                            app_id=str(envelope.source),
                        ),
                        routing_key=envelope.type,
                        mandatory=True,
                    )
                    for envelope in envelopes[start : start + PUBLISH_WINDOW]
                )
            )
    finally:
        await connection.close()
