"""Analytics: how soon an answer is visible in the statistics API, and how fast that API is.

1. Lag. A scratch outbox (the sink's database) stands in for assessments: answer events are
   committed into it at 1,000 per second (10 every 10 ms) and the chassis relay publishes them
   as ``assessments``; the analytics worker consumes them into a scratch analytics database
   while the statistics API (in-process, as the gateway would reach it) is polled every 10 ms.
   The lag of the k-th answer is from its commit to the first poll that counts k answers, so
   it is at most one poll late. Also reported: the relay's share (commit → published, from
   the outbox's own timestamps) and the worker's CPU time per answer. Everything runs in a
   vhost of its own.
2. Query. 1,000,000 answers are bulk-loaded (generate_series) into one assessment, its
   running totals derived from them in SQL; then the per-assessment statistics call is timed.

Baselines in the same run: the raw broker (``bench.raw_broker``: its throughput, and here its
lag at the same rate: publish → delivered to a consumer, bodies of the same size, no database)
and the raw SQL read of one totals row.

``python -m bench.analytics --linger S --batch-size N --concurrency N [--lag-only]`` runs the
worker with other consumer settings, for tuning.
"""

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit
from uuid import UUID, uuid4

import aio_pika
import asyncpg
import httpx
from aio_pika.abc import AbstractIncomingMessage
from fastapi import FastAPI

from analytics.main import create_app
from analytics.settings import Settings
from bench.raw_broker import measure_raw_broker
from chassis.auth.principal import Role
from chassis.database import Database, plain_dsn
from chassis.messaging.outbox import add_to_outbox, new_envelope
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.privacy.keys import generate_development_keys
from chassis.settings import (
    DEFAULT_POSTGRES_URL,
    DEFAULT_RABBITMQ_URL,
    MessagingOptions,
    async_database_url,
)
from chassis.testing.auth import TestTokens
from chassis.testing.processes import Sink, free_port
from chassis.testing.sink import create_sink_schema
from contracts.envelope import Envelope
from contracts.events.assessments import AnswerSubmitted
from soket_cli.infrastructure import create_vhost, delete_vhost
from soket_cli.layout import service_dir

RATE = 1000
TICK_SECONDS = 0.01
POLL_SECONDS = 0.01
STORED_ANSWERS = 1_000_000
QUERY_CALLS = 1000
LAG_TARGET_SECONDS = 1.0
QUERY_TARGET_MS = 20.0
PEOPLE = 2000


def _answer(
    tenant_id: UUID, assessment_id: UUID, question_id: UUID, sequence: int
) -> AnswerSubmitted:
    person = sequence % PEOPLE
    return AnswerSubmitted(
        tenant_id=tenant_id,
        assessment_id=assessment_id,
        question_id=question_id,
        topics=["phishing"],
        group_ids=[UUID(int=person % 7 + 1)],
        dispatch_id=uuid4(),
        subject_ref=f"{person:052d}".translate(str.maketrans("0123456789", "ABCDEFGHIJ")),
        chosen_option_ids=[UUID(int=sequence % 3 + 1)],
        correct=sequence % 3 == 0,
        scale_value=None,
        free_text_given=False,
        time_to_answer_ms=(sequence * 7919) % 7_200_000,
        answered_at=datetime.now(UTC),
        answered_on=date.today(),
        reveal=None,
    )


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _with_vhost(url: str, vhost: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(vhost, safe="")))


class Scratch:
    """Scratch databases, a vhost, and the relay and worker processes."""

    def __init__(
        self,
        postgres_url: str,
        rabbitmq_url: str,
        folder: Path,
        worker_environment: Mapping[str, str],
    ) -> None:
        token = secrets.token_hex(3)
        self.vhost = f"soket_bench_analytics_{token}"
        self.has_vhost = create_vhost(self.vhost, user=urlsplit(rabbitmq_url).username or "guest")
        self.rabbitmq_url = (
            _with_vhost(rabbitmq_url, self.vhost) if self.has_vhost else rabbitmq_url
        )
        self.outbox_url = async_database_url(postgres_url, f"soket_bench_outbox_{token}")
        self.analytics_url = async_database_url(postgres_url, f"soket_bench_analytics_{token}")
        self.folder = folder
        self.worker_environment = worker_environment
        self.workers: list[subprocess.Popen[bytes]] = []
        self.sink = Sink(self.outbox_url, self.rabbitmq_url, folder, MessagingOptions())

    async def create(self) -> None:
        for url in (self.outbox_url, self.analytics_url):
            await create_database_if_missing(url)
        await create_sink_schema(self.outbox_url)
        await asyncio.to_thread(upgrade, service_dir("analytics"), self.analytics_url)

    def start_worker(self) -> None:
        log = (self.folder / "analytics-worker.log").open("wb")
        environment = {
            **os.environ,
            "ANALYTICS_DATABASE_URL": self.analytics_url,
            "ANALYTICS_RABBITMQ_URL": self.rabbitmq_url,
            "ANALYTICS_PROBE_PORT": str(free_port()),
            "ANALYTICS_RECEIPT_SIGNING_KEY": generate_development_keys()[
                "ANALYTICS_RECEIPT_SIGNING_KEY"
            ],
            **self.worker_environment,
        }
        self.workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "analytics.worker"], env=environment, stdout=log, stderr=log
            )
        )

    async def wait_consuming(self) -> None:
        log = self.folder / "analytics-worker.log"
        deadline = time.monotonic() + 60
        while '"event": "consuming"' not in log.read_text():
            if time.monotonic() > deadline or self.workers[0].poll() is not None:
                raise RuntimeError(f"analytics worker not consuming:\n{log.read_text()[-3000:]}")
            await asyncio.sleep(0.1)

    def worker_cpu_seconds(self) -> float:
        """CPU time (user and system) the worker has used so far; 0 off Linux."""
        try:
            stat = Path(f"/proc/{self.workers[0].pid}/stat").read_text()
        except OSError:
            return 0.0
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def drop(self) -> None:
        for process in [*self.sink.processes]:
            process.stop()
        for worker in self.workers:
            worker.terminate()
            worker.wait(timeout=30)
        for url in (self.outbox_url, self.analytics_url):
            await drop_database(url)
        if self.has_vhost:
            delete_vhost(self.vhost)


async def _serving(scratch: Scratch) -> tuple[FastAPI, TestTokens]:
    app = create_app(Settings(database_url=scratch.analytics_url, log_level="WARNING"))
    return app, TestTokens.install(app)


async def measure_lag(scratch: Scratch, *, answers: int) -> list[float]:
    tenant_id, assessment_id, question_id = uuid4(), uuid4(), uuid4()
    outbox = Database(scratch.outbox_url, pool_size=2)
    app, tokens = await _serving(scratch)
    headers = tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})
    committed: list[float] = []
    visible: list[float] = []
    per_tick = int(RATE * TICK_SECONDS)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://analytics") as client:

            async def feed() -> None:
                started = time.perf_counter()
                for tick, first in enumerate(range(0, answers, per_tick)):
                    envelopes = [
                        new_envelope(_answer(tenant_id, assessment_id, question_id, sequence))
                        for sequence in range(first, min(first + per_tick, answers))
                    ]
                    async with outbox.sessions() as session, session.begin():
                        await add_to_outbox(session, *envelopes)
                    now = time.perf_counter()
                    committed.extend(now for _ in envelopes)
                    await asyncio.sleep(max(0.0, started + (tick + 1) * TICK_SECONDS - now))

            async def poll() -> None:
                path = f"/statistics/assessments/{assessment_id}"
                started = time.perf_counter()
                deadline = started + answers / RATE + 120
                polls = 0
                while len(visible) < answers and time.perf_counter() < deadline:
                    response = await client.get(path, headers=headers)
                    now = time.perf_counter()
                    seen = response.json()["answers"] if response.status_code == 200 else 0
                    visible.extend(now for _ in range(seen - len(visible)))
                    polls += 1
                    await asyncio.sleep(max(0.0, started + polls * POLL_SECONDS - now))

            await asyncio.gather(feed(), poll())
    await outbox.dispose()
    if len(visible) < answers:
        raise RuntimeError(f"only {len(visible)} of {answers} answers became visible")
    return [seen - done for seen, done in zip(visible, committed, strict=True)]


async def measure_raw_broker_lag(
    rabbitmq_url: str, *, messages: int, body_size: int
) -> list[float]:
    """Seconds from each publish to its delivery, at the same rate and in the same ticks as
    the answers: persistent messages with publisher confirms on a fresh quorum queue, the
    consumer on a connection of its own, no database."""
    queue = f"bench.raw-broker-lag.{secrets.token_hex(6)}"
    lags: list[float] = []
    all_delivered = asyncio.get_running_loop().create_future()

    async def on_message(message: AbstractIncomingMessage) -> None:
        lags.append(time.perf_counter() - float(message.body[:32].split()[0]))
        if len(lags) == messages:
            all_delivered.set_result(None)
        await message.ack()

    per_tick = int(RATE * TICK_SECONDS)
    async with (
        await aio_pika.connect(rabbitmq_url) as publishing,
        await aio_pika.connect(rabbitmq_url) as consuming,
    ):
        channel = await publishing.channel(publisher_confirms=True)
        await channel.declare_queue(queue, durable=True, arguments={"x-queue-type": "quorum"})
        try:
            receiving = await consuming.channel()
            await receiving.set_qos(prefetch_count=200)
            await (await receiving.get_queue(queue)).consume(on_message)
            started = time.perf_counter()
            for tick, first in enumerate(range(0, messages, per_tick)):
                now = time.perf_counter()
                body = f"{now:.9f} ".encode().ljust(body_size, b"x")
                await asyncio.gather(
                    *(
                        channel.default_exchange.publish(
                            aio_pika.Message(body, delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
                            routing_key=queue,
                        )
                        for _ in range(min(per_tick, messages - first))
                    )
                )
                await asyncio.sleep(
                    max(0.0, started + (tick + 1) * TICK_SECONDS - time.perf_counter())
                )
            await asyncio.wait_for(all_delivered, timeout=120)
        finally:
            await channel.queue_delete(queue)
    return lags


def _lag_figures(lags: Sequence[float]) -> str:
    return (
        f"p50 {_percentile(lags, 0.5) * 1000:.0f} ms, p99 {_percentile(lags, 0.99) * 1000:.0f} ms"
    )


async def lag_shares(scratch: Scratch) -> list[str]:
    """Where the lag goes, from the databases' own clocks (one server): from the outbox commit
    to the relay's claim, and to the start of the worker's transaction that handled it."""
    outbox = await asyncpg.connect(plain_dsn(scratch.outbox_url))
    analytics = await asyncpg.connect(plain_dsn(scratch.analytics_url))
    try:
        created = {
            row["id"]: (row["created_at"], row["published_at"])
            for row in await outbox.fetch("SELECT id, created_at, published_at FROM outbox_message")
        }
        handled = await analytics.fetch("SELECT message_id, handled_at FROM inbox_message")
    finally:
        await outbox.close()
        await analytics.close()
    claimed = [
        (published - made).total_seconds()
        for made, published in created.values()
        if published is not None
    ]
    started = [
        (row["handled_at"] - created[row["message_id"]][0]).total_seconds()
        for row in handled
        if row["message_id"] in created
    ]
    batches = len({row["handled_at"] for row in handled}) or 1
    return [
        f"  of which commit → claimed by the relay: {_lag_figures(claimed)}",
        f"  of which commit → the worker's transaction began (relay, broker, linger): "
        f"{_lag_figures(started)}; {batches} batches of {len(handled) / batches:.0f} on average",
    ]


_LOAD = [
    """
    INSERT INTO answer_fact (tenant_id, assessment_id, question_id, dispatch_id, subject_ref,
        chosen_option_ids, correct, scale_value, free_text_given, time_to_answer_ms,
        answered_at, answered_on, topics, group_ids)
    SELECT $1::uuid, $2::uuid, ('00000000-0000-0000-0000-' || lpad((n % 20)::text, 12, '0'))::uuid,
        gen_random_uuid(), translate(lpad((n % 5000)::text, 52, '0'), '0123456789', 'ABCDEFGHIJ'),
        ARRAY[('00000000-0000-0000-0000-' || lpad((n % 4)::text, 12, '0'))::uuid],
        n % 3 = 0, NULL, false, (n::bigint * 7919) % 7200000,
        now() - (n % 365) * interval '1 day', current_date - (n % 365),
        ARRAY['phishing'], ARRAY[('00000000-0000-0000-0000-' || lpad((n % 7)::text, 12, '0'))::uuid]
    FROM generate_series(1, $3::int) AS n
    """,
    """
    INSERT INTO assessment_stats (tenant_id, assessment_id, dispatched, sent, delivered,
        bounced, suppressed, answered_dispatches, answers, graded_answers, correct_answers)
    SELECT tenant_id, assessment_id, count(*), count(*), count(*), 0, 0, count(*), count(*),
        count(correct), count(*) FILTER (WHERE correct)
    FROM answer_fact WHERE tenant_id = $1 AND assessment_id = $2
    GROUP BY tenant_id, assessment_id
    """,
    """
    INSERT INTO answer_second_count (tenant_id, assessment_id, seconds, answers)
    SELECT tenant_id, assessment_id, bucket, count(*)
    FROM (
        SELECT tenant_id, assessment_id,
            CASE WHEN time_to_answer_ms < 600000 THEN time_to_answer_ms / 1000
                 WHEN time_to_answer_ms < 3600000 THEN time_to_answer_ms / 10000 * 10
                 WHEN time_to_answer_ms < 86400000 THEN time_to_answer_ms / 60000 * 60
                 ELSE time_to_answer_ms / 3600000 * 3600 END AS bucket
        FROM answer_fact WHERE tenant_id = $1 AND assessment_id = $2
    ) AS bucketed
    GROUP BY tenant_id, assessment_id, bucket
    """,
]


async def measure_query(scratch: Scratch, *, stored: int) -> tuple[list[float], list[float]]:
    """(API call durations, raw SQL read durations), in milliseconds."""
    tenant_id, assessment_id = uuid4(), uuid4()
    connection = await asyncpg.connect(plain_dsn(scratch.analytics_url))
    try:
        await connection.execute(_LOAD[0], tenant_id, assessment_id, stored)
        for statement in _LOAD[1:]:
            await connection.execute(statement, tenant_id, assessment_id)
        await connection.execute("VACUUM ANALYZE")
        raw: list[float] = []
        for _ in range(QUERY_CALLS):
            started = time.perf_counter()
            await connection.fetchrow(
                "SELECT * FROM assessment_stats WHERE tenant_id = $1 AND assessment_id = $2",
                tenant_id,
                assessment_id,
            )
            raw.append((time.perf_counter() - started) * 1000)
    finally:
        await connection.close()
    app, tokens = await _serving(scratch)
    headers = tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})
    calls: list[float] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://analytics") as client:
            path = f"/statistics/assessments/{assessment_id}"
            for call in range(QUERY_CALLS + 50):
                started = time.perf_counter()
                response = await client.get(path, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                if response.json()["answers"] != stored:
                    raise RuntimeError(f"unexpected statistics: {response.text}")
                if call >= 50:  # warm-up
                    calls.append(elapsed)
    return calls, raw


async def run(
    postgres_url: str,
    rabbitmq_url: str,
    *,
    events: int,
    worker_environment: Mapping[str, str] | None = None,
    lag_only: bool = False,
) -> None:
    size = len(Envelope.wrap(_answer(uuid4(), uuid4(), uuid4(), 0)).to_json())
    baseline = await measure_raw_broker(rabbitmq_url, messages=min(events, 20_000), body_size=size)
    print(baseline.describe() + f", {size}-byte bodies", flush=True)
    raw_lags = await measure_raw_broker_lag(rabbitmq_url, messages=events, body_size=size)
    print(
        f"raw broker lag at {RATE}/s (publish → delivered, same bodies, no database): "
        f"{_lag_figures(raw_lags)}, max {max(raw_lags) * 1000:.0f} ms",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="soket-bench-analytics-") as folder:
        scratch = Scratch(postgres_url, rabbitmq_url, Path(folder), worker_environment or {})
        try:
            await scratch.create()
            scratch.sink.start("relay")
            scratch.start_worker()
            await scratch.wait_consuming()
            if worker_environment:
                print(f"worker settings: {dict(worker_environment)}", flush=True)
            cpu_before = scratch.worker_cpu_seconds()
            lags = await measure_lag(scratch, answers=events)
            cpu = scratch.worker_cpu_seconds() - cpu_before
            p99 = _percentile(lags, 0.99)
            verdict = "meets" if p99 < LAG_TARGET_SECONDS else "misses"
            print(
                f"lag (answer committed in the outbox → counted by "
                f"GET /statistics/assessments/{{id}}, polled every {POLL_SECONDS * 1000:.0f} ms), "
                f"{events} answers at {RATE}/s: {_lag_figures(lags)}, "
                f"max {max(lags) * 1000:.0f} ms ({verdict} the p99 < {LAG_TARGET_SECONDS:.0f} s "
                "target)",
                flush=True,
            )
            for line in await lag_shares(scratch):
                print(line, flush=True)
            print(
                f"  analytics worker CPU: {cpu:.1f} s for {events} answers = "
                f"{cpu * 1000 / events:.2f} ms per answer",
                flush=True,
            )
            if lag_only:
                return
            calls, raw = await measure_query(scratch, stored=STORED_ANSWERS)
            print(
                f"raw SQL read of one totals row: p50 {statistics.median(raw):.2f} ms, "
                f"p99 {_percentile(raw, 0.99):.2f} ms",
                flush=True,
            )
            p99_call = _percentile(calls, 0.99)
            verdict = "meets" if p99_call < QUERY_TARGET_MS else "misses"
            print(
                f"GET /statistics/assessments/{{id}} with {STORED_ANSWERS:,} answers stored, "
                f"{QUERY_CALLS} calls: p50 {statistics.median(calls):.2f} ms, "
                f"p99 {p99_call:.2f} ms ({verdict} the p99 < {QUERY_TARGET_MS:.0f} ms target)",
                flush=True,
            )
        finally:
            await scratch.drop()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20_000, help="answers fed at 1,000/s")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    parser.add_argument(
        "--rabbitmq-url", default=os.environ.get("RABBITMQ_URL", DEFAULT_RABBITMQ_URL)
    )
    parser.add_argument("--linger", type=float, help="the worker's batch linger, in seconds")
    parser.add_argument("--batch-size", type=int, help="the worker's largest batch")
    parser.add_argument("--concurrency", type=int, help="the worker's batches at once")
    parser.add_argument("--lag-only", action="store_true", help="skip the query measurement")
    arguments = parser.parse_args(argv)
    prefix = "ANALYTICS_MESSAGING__CONSUMER_"
    given = {
        f"{prefix}BATCH_LINGER_SECONDS": arguments.linger,
        f"{prefix}BATCH_SIZE": arguments.batch_size,
        f"{prefix}CONCURRENCY": arguments.concurrency,
    }
    asyncio.run(
        run(
            arguments.postgres_url,
            arguments.rabbitmq_url,
            events=arguments.events,
            worker_environment={name: str(value) for name, value in given.items() if value},
            lag_only=arguments.lag_only,
        )
    )


if __name__ == "__main__":
    main()
