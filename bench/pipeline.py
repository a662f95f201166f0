"""Events per second through outbox → relay → broker → consumer (inbox + one row written).

The bench commits events in transactions of 100 while the sink service's relay and worker run
as their own processes; the clock runs from the first commit to the last effect. The raw
broker baseline runs first, in the same run, with the same message size. The pipeline is
measured with a batch handler (one multi-row insert for the events that arrive together) and
with a per-event handler (one insert each); the ratio is the batch handler's.
"""

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.raw_broker import measure_raw_broker
from chassis.database import Database
from chassis.migrations import create_database_if_missing, drop_database
from chassis.settings import (
    DEFAULT_POSTGRES_URL,
    DEFAULT_RABBITMQ_URL,
    MessagingOptions,
    async_database_url,
)
from chassis.testing.processes import Sink
from chassis.testing.sink import (
    answer,
    create_sink_schema,
    delete_sink_topology,
    publish_answers,
)
from contracts.envelope import Envelope

TARGET_RATIO = 0.5


@dataclass(frozen=True)
class PipelineResult:
    events: int
    seconds: float
    per_second: float
    batched: bool

    def describe(self) -> str:
        handler = "batch handler" if self.batched else "per-event handler"
        return (
            f"pipeline (outbox → relay → broker → consumer, inbox + one row, {handler}): "
            f"{self.events} events in {self.seconds:.1f} s = {self.per_second:,.0f} events/s"
        )


def envelope_size() -> int:
    return len(Envelope.wrap(answer(0)).to_json())


async def measure_pipeline(
    postgres_url: str,
    rabbitmq_url: str,
    *,
    events: int = 20_000,
    batch: int = 100,
    batched: bool = True,
) -> PipelineResult:
    url = async_database_url(postgres_url, f"soket_bench_pipeline_{secrets.token_hex(3)}")
    options = MessagingOptions()
    await create_database_if_missing(url)
    await create_sink_schema(url)
    await delete_sink_topology(rabbitmq_url, options)
    database = Database(url, pool_size=2)
    with tempfile.TemporaryDirectory(prefix="soket-bench-") as folder:
        sink = Sink(url, rabbitmq_url, Path(folder), options)
        try:
            sink.start("relay")
            sink.start("worker", SINK_BATCHED=str(batched).lower())
            started = time.perf_counter()
            for first in range(0, events, batch):
                async with database.sessions() as session, session.begin():
                    await publish_answers(session, range(first, min(first + batch, events)))
            await sink.wait_for_effects(events, within=600)
            seconds = time.perf_counter() - started
        finally:
            for process in sink.processes:
                process.stop()
            await database.dispose()
            await delete_sink_topology(rabbitmq_url, options)
            await drop_database(url)
    return PipelineResult(events, seconds, events / seconds, batched)


async def run(postgres_url: str, rabbitmq_url: str, *, events: int) -> None:
    size = envelope_size()
    baseline = await measure_raw_broker(rabbitmq_url, messages=events, body_size=size)
    print(baseline.describe() + f", {size}-byte bodies", flush=True)
    pipeline = await measure_pipeline(postgres_url, rabbitmq_url, events=events)
    print(pipeline.describe(), flush=True)
    one_by_one = await measure_pipeline(postgres_url, rabbitmq_url, events=events, batched=False)
    print(one_by_one.describe(), flush=True)
    ratio = pipeline.per_second / baseline.per_second
    verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    print(f"ratio: {ratio:.2f}x the raw broker ({verdict} the {TARGET_RATIO}x target)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    parser.add_argument(
        "--rabbitmq-url", default=os.environ.get("RABBITMQ_URL", DEFAULT_RABBITMQ_URL)
    )
    arguments = parser.parse_args(argv)
    asyncio.run(run(arguments.postgres_url, arguments.rabbitmq_url, events=arguments.events))


if __name__ == "__main__":
    main()
