"""Moving a received message on: to a retry tier or to the dead-letter queue."""

from collections.abc import Iterable
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage

from chassis.logs import get_logger
from chassis.messaging import metrics
from chassis.messaging.topology import dead_letter_queue, retry_queue
from chassis.redaction import scrub_text
from chassis.settings import MessagingOptions

ATTEMPT_HEADER = "x-soket-attempt"
REPLAYED_HEADER = "x-soket-replayed"
ERROR_HEADER = "x-soket-error"

PUBLISH_TIMEOUT_SECONDS = 10.0
_BROKER_HEADER_PREFIXES = ("x-death", "x-first-death-", "x-last-death-", "x-delivery-count")

_log = get_logger("soket.consumer")


def attempt_of(message: AbstractIncomingMessage) -> int:
    attempt = (message.headers or {}).get(ATTEMPT_HEADER)
    return attempt if isinstance(attempt, int) else 0


def is_replayed(message: AbstractIncomingMessage) -> bool:
    return bool((message.headers or {}).get(REPLAYED_HEADER))


class Forwarder:
    """Publishes copies of received messages, with confirms, through the default exchange."""

    def __init__(self, channel: AbstractChannel, options: MessagingOptions) -> None:
        self.channel = channel
        self.options = options

    async def retry_later(
        self, queue: str, message: AbstractIncomingMessage, event_type: str, error: Exception
    ) -> None:
        """Into the next retry tier, or the DLQ once the tiers are spent."""
        attempt = attempt_of(message)
        delays = self.options.retry_delays
        if attempt >= len(delays):
            await self.dead_letter(queue, message, event_type, error)
            return
        tier = retry_queue(queue, delays[attempt])
        _log.warning(
            "handler failed; retrying later",
            queue=queue,
            event_type=event_type,
            attempt=attempt + 1,
            retry_queue=tier,
            error_type=type(error).__name__,
            error=scrub_text(str(error)),
        )
        if await self._forward(message, tier, {ATTEMPT_HEADER: attempt + 1}):
            await settle(message.ack)
            metrics.CONSUMER_MESSAGES.labels(queue, event_type, "retried").inc()
        else:
            await settle(lambda: message.nack(requeue=True))

    async def dead_letter(
        self, queue: str, message: AbstractIncomingMessage, event_type: str, error: Exception
    ) -> None:
        reason = f"{type(error).__name__}: {scrub_text(str(error))}"[:500]
        _log.error(
            "message dead-lettered",
            queue=queue,
            event_type=event_type,
            message_id=message.message_id,
            reason=reason,
        )
        if await self._forward(message, dead_letter_queue(queue), {ERROR_HEADER: reason}):
            await settle(message.ack)
        else:
            # The broker dead-letters it to the same queue, at least once, without the reason.
            await settle(lambda: message.reject(requeue=False))
        metrics.CONSUMER_MESSAGES.labels(queue, event_type, "dead_lettered").inc()

    async def _forward(
        self, message: AbstractIncomingMessage, queue: str, headers: dict[str, Any]
    ) -> bool:
        try:
            await self.channel.default_exchange.publish(
                copy_of(message, headers), routing_key=queue, timeout=PUBLISH_TIMEOUT_SECONDS
            )
        except (
            aio_pika.exceptions.AMQPError,
            ConnectionError,
            TimeoutError,
            RuntimeError,
        ) as error:
            _log.warning(
                "could not forward a message", queue=queue, error_type=type(error).__name__
            )
            return False
        return True


def copy_of(
    message: AbstractIncomingMessage, headers: dict[str, Any], *, dropping: Iterable[str] = ()
) -> aio_pika.Message:
    """The message as received, with ``headers`` added and the broker's own headers (and
    ``dropping``) removed."""
    dropped = frozenset(dropping)
    kept = {
        key: value
        for key, value in (message.headers or {}).items()
        if not key.startswith(_BROKER_HEADER_PREFIXES) and key not in dropped
    }
    return aio_pika.Message(
        message.body,
        headers={**kept, **headers},
        content_type=message.content_type,
        content_encoding=message.content_encoding,
        message_id=message.message_id,
        correlation_id=message.correlation_id,
        type=message.type,
        app_id=message.app_id,
        timestamp=message.timestamp,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
    )


async def settle(action: Any) -> None:
    """Acks (or nacks); when the channel is gone the broker redelivers and the inbox skips."""
    try:
        await action()
    except (aio_pika.exceptions.AMQPError, ConnectionError, RuntimeError) as error:
        _log.info(
            "acknowledgement lost; the message will come again", error_type=type(error).__name__
        )
