"""Raw baseline: aio-pika alone moving persistent, confirmed messages through a quorum queue.

The producer and the consumer run in separate processes; the clock runs from the producer's
release to the consumer's acknowledgement of the last message.
"""

import argparse
import asyncio
import multiprocessing
import os
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
PUBLISH_WINDOW = 200
PREFETCH = 200
STEP_TIMEOUT = 300.0


@dataclass(frozen=True)
class RawBrokerResult:
    messages: int
    seconds: float
    per_second: float

    def describe(self) -> str:
        return (
            "raw broker (aio-pika, quorum, persistent, confirms): "
            f"{self.messages} msgs in {self.seconds:.1f} s = {self.per_second:,.0f} msg/s"
        )


async def _produce(
    url: str, queue: str, messages: int, body_size: int, control: Connection
) -> None:
    async with await aio_pika.connect(url) as connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = channel.default_exchange
        body = b"x" * body_size
        remaining = iter(range(messages))

        async def publish_remaining() -> None:
            for _ in remaining:
                message = aio_pika.Message(body, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
                await exchange.publish(message, routing_key=queue)

        control.send("ready")
        control.recv()
        await asyncio.gather(*(publish_remaining() for _ in range(PUBLISH_WINDOW)))


async def _consume(url: str, queue: str, messages: int, control: Connection) -> None:
    async with await aio_pika.connect(url) as connection:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=PREFETCH)
        source = await channel.get_queue(queue)
        all_acked = asyncio.get_running_loop().create_future()
        acked = 0

        async def on_message(message: AbstractIncomingMessage) -> None:
            nonlocal acked
            await message.ack()
            acked += 1
            if acked == messages:
                all_acked.set_result(None)

        await source.consume(on_message)
        control.send("ready")
        await all_acked
        control.send("done")


def _producer_process(
    url: str, queue: str, messages: int, body_size: int, control: Connection
) -> None:
    asyncio.run(_produce(url, queue, messages, body_size, control))


def _consumer_process(url: str, queue: str, messages: int, control: Connection) -> None:
    asyncio.run(_consume(url, queue, messages, control))


def _expect(control: Connection, word: str) -> None:
    if not control.poll(STEP_TIMEOUT):
        raise TimeoutError(f"no {word!r} from a benchmark process within {STEP_TIMEOUT:.0f} s")
    try:
        said = control.recv()
    except EOFError:
        raise RuntimeError(f"a benchmark process ended before saying {word!r}") from None
    if said != word:
        raise RuntimeError(f"expected {word!r} from a benchmark process, got {said!r}")


def _run_processes(url: str, queue: str, messages: int, body_size: int) -> float:
    """Runs producer and consumer processes; returns the seconds from release to last ack."""
    context = multiprocessing.get_context("spawn")
    producer_control, producer_side = context.Pipe()
    consumer_control, consumer_side = context.Pipe()
    processes = [
        context.Process(
            target=_consumer_process,
            args=(url, queue, messages, consumer_side),
            name="raw-broker-consumer",
        ),
        context.Process(
            target=_producer_process,
            args=(url, queue, messages, body_size, producer_side),
            name="raw-broker-producer",
        ),
    ]
    try:
        for process in processes:
            process.start()
        producer_side.close()
        consumer_side.close()
        _expect(consumer_control, "ready")
        _expect(producer_control, "ready")
        started = time.perf_counter()
        producer_control.send("go")
        _expect(consumer_control, "done")
        seconds = time.perf_counter() - started
        for process in processes:
            process.join(STEP_TIMEOUT)
            if process.exitcode != 0:
                raise RuntimeError(f"{process.name} exited with {process.exitcode}")
        return seconds
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()


async def measure_raw_broker(
    rabbitmq_url: str, *, messages: int = 20000, body_size: int = 700
) -> RawBrokerResult:
    """Measures the broker with no database in the way, on a fresh quorum queue."""
    if messages < 1:
        raise ValueError("messages must be at least 1")
    queue = f"bench.raw-broker.{secrets.token_hex(6)}"
    async with await aio_pika.connect(rabbitmq_url) as connection:
        channel = await connection.channel()
        await channel.declare_queue(queue, durable=True, arguments={"x-queue-type": "quorum"})
        try:
            seconds = await asyncio.to_thread(
                _run_processes, rabbitmq_url, queue, messages, body_size
            )
        finally:
            await channel.queue_delete(queue)
    return RawBrokerResult(messages=messages, seconds=seconds, per_second=messages / seconds)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--body-size", type=int, default=700)
    parser.add_argument(
        "--rabbitmq-url", default=os.environ.get("RABBITMQ_URL", DEFAULT_RABBITMQ_URL)
    )
    args = parser.parse_args(argv)
    result = asyncio.run(
        measure_raw_broker(args.rabbitmq_url, messages=args.messages, body_size=args.body_size)
    )
    print(result.describe())


if __name__ == "__main__":
    main()
