"""Assessments: answers posted to the participant's answer page, beside a bare endpoint.

A scratch assessments database (migrated) holds a quiz of one question sent to enough
participants that every request answers a fresh link. Two uvicorn processes serve, one at a
time and configured alike (one worker, the service's middleware and JSON logs into a file):
the assessments API, and a bare app whose one endpoint runs ``SELECT 1`` on the same database.
Both are driven by the same function (``drive``): the same warm-up, then the highest rate
(closed loop, a fixed number of requests in flight) with the server process's CPU time per
request, then the latency at 500 requests/s (open loop: each request leaves at its scheduled
time, and its latency counts from then). The load comes from aiohttp in this process.

Also timed: importing 10,000 participants from CSV through the API (in-process, no network).
"""

import argparse
import asyncio
import base64
import gc
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import httpx
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, FastAPI
from pydantic import SecretStr
from sqlalchemy import select, text

from assessments.assessments import service as assessments
from assessments.assessments.schemas import AssessmentIn
from assessments.content.check import word_list
from assessments.keys import SubjectRefs
from assessments.main import create_app
from assessments.participants.importing import import_participants
from assessments.questions import service as questions
from assessments.questions.schemas import OptionIn, QuestionIn
from assessments.scheduling.runner import Scheduler
from assessments.settings import SchedulerOptions, Settings
from chassis.app import create_service_app
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.messaging.tables import outbox_message
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.settings import DEFAULT_POSTGRES_URL, async_database_url
from chassis.testing.auth import TestTokens
from chassis.testing.processes import free_port
from contracts.envelope import parse_envelope
from contracts.events.assessments import (
    DISPATCH_REQUESTED,
    AssessmentKind,
    DispatchRequested,
    QuestionKind,
)
from soket_cli.layout import repo_root, service_dir

TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0
STEADY_RATE = 500
STEADY_SECONDS = 10
IN_FLIGHT = 32
WARM_UP = 500
IMPORT_ROWS = 10_000


def bare_app() -> FastAPI:
    """The baseline: the service's own app shell with one endpoint doing ``SELECT 1``."""
    settings = Settings()
    router = APIRouter()
    app = create_service_app(settings=settings, routers=[router])

    @router.get("/bare")
    async def bare() -> dict[str, int]:
        async with app.state.database.sessions() as session:
            return {"one": int(await session.scalar(text("SELECT 1")) or 0)}

    app.include_router(router)
    return app


async def seed_links(settings: Settings, count: int) -> tuple[str, str, list[str]]:
    """(question id, correct option id, answer paths) of a quiz sent to ``count`` people."""
    database = Database(settings.database_url, pool_size=4)
    tenant_id = uuid.uuid4()
    rows = "".join(f"P {n},p{n}@bench.example.ee\n" for n in range(count))
    async with database.sessions() as session, session.begin():
        await import_participants(
            session,
            tenant_id=tenant_id,
            content=("name,email,group\n" + rows.replace("\n", ",bench\n")).encode(),
            default_language="et",
            subject_refs=SubjectRefs(settings),
            max_rows=count,
        )
        from assessments.groups.models import ParticipantGroup

        group_id = await session.scalar(
            select(ParticipantGroup.id).where(ParticipantGroup.tenant_id == tenant_id)
        )
        question = await questions.create(
            session,
            tenant_id=tenant_id,
            details=QuestionIn(
                kind=QuestionKind.SINGLE_CHOICE,
                text="Mis on Eesti pealinn?",
                options=[OptionIn(label="Tallinn", correct=True), OptionIn(label="Tartu")],
            ),
            words=word_list(settings.content_wordlist_path),
        )
        now = datetime.now(UTC)
        quiz = await assessments.create(
            session,
            tenant_id=tenant_id,
            details=AssessmentIn(
                kind=AssessmentKind.QUIZ,
                title="Bench",
                question_ids=[question.id],
                group_ids=[group_id],
                channels=["email"],
                opens_at=now - timedelta(minutes=1),
                closes_at=now + timedelta(days=1),
                show_correct=True,
            ),
            words=word_list(settings.content_wordlist_path),
        )
        await assessments.publish_assessment(
            session, tenant_id=tenant_id, assessment_id=quiz.id, now=now
        )
    scheduler = Scheduler(
        database=database,
        settings=settings.model_copy(update={"scheduler": SchedulerOptions(batch_size=1000)}),
        clock=lambda: datetime.now(UTC),
    )
    await scheduler.run_once()
    async with database.sessions() as session:
        bodies = await session.scalars(
            select(outbox_message.c.body).where(outbox_message.c.event_type == DISPATCH_REQUESTED)
        )
        requested = [parse_envelope(body).data for body in bodies]
        paths = [
            "/" + str(data.answer_url).split("/", 3)[3]
            for data in requested
            if isinstance(data, DispatchRequested)
        ]
    await database.dispose()
    correct = next(option.id for option in question.options if option.correct)
    return str(question.id), str(correct), paths


class Server:
    """One uvicorn process serving an app factory on a free port."""

    def __init__(
        self, factory: str, environment: dict[str, str], log: Path, *, workers: int
    ) -> None:
        self.port = free_port()
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "--factory",
                    factory,
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--no-access-log",
                    "--workers",
                    str(workers),
                ],
                env={**os.environ, **environment, "PYTHONPATH": str(repo_root())},
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def ready(self) -> None:
        deadline = time.monotonic() + 30
        async with httpx.AsyncClient() as client:
            while time.monotonic() < deadline:
                try:
                    if (await client.get(f"{self.url}/readyz")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError(f"server not ready:\n{self.log.read_text()[-2000:]}")

    def cpu_seconds(self) -> float:
        """CPU time (user and system) the server's processes (uvicorn and its workers) have
        used so far; 0 off Linux."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat.parent.name == str(self.process.pid) or fields[1] == str(self.process.pid):
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


Request = Callable[[aiohttp.ClientSession, int], Awaitable[int]]


async def closed_loop(request: Request, count: int, first: int = 0) -> float:
    """Requests per second with ``IN_FLIGHT`` requests always in flight."""
    numbers = iter(range(first, first + count))
    failures = 0

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal failures
        for number in numbers:
            if await request(session, number) >= 300:
                failures += 1

    connector = aiohttp.TCPConnector(limit=IN_FLIGHT)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(IN_FLIGHT)))
        elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{failures} requests failed")
    return count / elapsed


async def open_loop(
    request: Request, rate: int, seconds: int, first: int = 0
) -> tuple[list[float], int]:
    """(latencies in s, failed requests) of ``rate`` requests a second, each timed from when
    it was due."""
    latencies: list[float] = []
    failures = 0
    gc.collect()
    gc.disable()  # the generator's own collection pauses would count as the server's latency
    connector = aiohttp.TCPConnector(limit=1000)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()

        async def one(number: int, due: float) -> None:
            nonlocal failures
            try:
                status = await request(session, first + number)
            except aiohttp.ClientError:
                status = 599
            latencies.append(time.perf_counter() - due)
            if status >= 300:
                failures += 1

        tasks = []
        for number in range(rate * seconds):
            due = started + number / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(number, due)))
        await asyncio.gather(*tasks)
    gc.enable()
    return latencies, failures


@dataclass(frozen=True)
class Driven:
    rate: float
    """Requests per second, closed loop."""
    cpu_ms: float
    """The server process's CPU time per request in the closed loop (less noisy than the
    rate on a busy machine)."""
    latency: tuple[list[float], int]
    """At ``STEADY_RATE``, open loop."""

    def describe(self, unit: str) -> str:
        return (
            f"{self.rate:,.0f} {unit} ({self.cpu_ms:.2f} ms server CPU each); "
            f"at {STEADY_RATE}/s: {percentiles(self.latency)}"
        )


async def drive(server: Server, request_to: Callable[[Server], Request], count: int) -> Driven:
    """The one way both servers are driven: warm-up, closed loop, open loop, then stopped.
    Request numbers run on, so that each answer request takes a fresh link."""
    try:
        await server.ready()
        request = request_to(server)
        await closed_loop(request, WARM_UP)
        cpu_before = server.cpu_seconds()
        rate = await closed_loop(request, count, first=WARM_UP)
        cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / count
        latency = await open_loop(request, STEADY_RATE, STEADY_SECONDS, first=WARM_UP + count)
    finally:
        server.stop()
    return Driven(rate, cpu_ms, latency)


def p99(latencies: Sequence[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def percentiles(measured: tuple[list[float], int]) -> str:
    latencies, failures = measured
    failed = f", {failures} failed" if failures else ""
    return (
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99(latencies) * 1000:.1f} ms{failed}"
    )


async def time_import(settings: Settings) -> float:
    app = create_app(settings)
    async with LifespanManager(app):
        tokens = TestTokens.install(app)
        headers = tokens.headers(tenant_id=uuid.uuid4(), roles={Role.EDITOR})
        rows = "".join(
            f"Person {n},person{n}@import.example.ee,group {n % 9}\n" for n in range(IMPORT_ROWS)
        )
        content = ("name,email,group\n" + rows).encode()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", timeout=60
        ) as api:
            started = time.perf_counter()
            response = await api.post(
                "/participants/import",
                files={"file": ("people.csv", content, "text/csv")},
                headers=headers,
            )
            elapsed = time.perf_counter() - started
    if response.status_code != 200 or response.json()["created"] != IMPORT_ROWS:
        raise RuntimeError(f"the import failed: {response.text[:500]}")
    return elapsed


async def measure(postgres_url: str, answers: int, *, workers: int = 1) -> None:
    url = async_database_url(postgres_url, f"soket_bench_answers_{secrets.token_hex(3)}")
    await create_database_if_missing(url)
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    environment = {
        "ASSESSMENTS_DATABASE_URL": url,
        "SUBJECT_REF_KEY": key,
        "SOKET_ENVIRONMENT": "production",
        "ASSESSMENTS_TOKEN_GUESS_LIMIT": "1000000",
    }
    settings = Settings(
        database_url=url, subject_ref_key=SecretStr(key), public_base_url="http://bench"
    )
    try:
        await asyncio.to_thread(upgrade, service_dir("assessments"), url)
        needed = WARM_UP + answers + STEADY_RATE * STEADY_SECONDS
        started = time.perf_counter()
        question_id, option_id, paths = await seed_links(settings, needed)
        print(f"seeded {len(paths)} answer links in {time.perf_counter() - started:.1f} s")
        with tempfile.TemporaryDirectory(prefix="soket-bench-") as folder:

            def select_one(server: Server) -> Request:
                async def request(session: aiohttp.ClientSession, _number: int) -> int:
                    async with session.get(f"{server.url}/bare") as response:
                        await response.read()
                        return response.status

                return request

            form = {f"q-{question_id}": option_id}

            def post_answer(server: Server) -> Request:
                async def request(session: aiohttp.ClientSession, number: int) -> int:
                    async with session.post(f"{server.url}{paths[number]}", data=form) as response:
                        await response.read()
                        return response.status

                return request

            bare = await drive(
                Server(
                    "bench.answers:bare_app",
                    environment,
                    Path(folder) / "bare.log",
                    workers=workers,
                ),
                select_one,
                answers,
            )
            print(f"bare endpoint (SELECT 1): {bare.describe('req/s')}")
            answer = await drive(
                Server(
                    "assessments.main:create_app",
                    environment,
                    Path(folder) / "api.log",
                    workers=workers,
                ),
                post_answer,
                answers,
            )
        print(
            "answers (POST /a/{token}, recorded once, event in the outbox): "
            f"{answer.describe('answers/s')}"
        )
        p99_ms = p99(answer.latency[0]) * 1000
        ratio = answer.rate / bare.rate
        print(
            f"ratio: {ratio:.2f}x the bare endpoint "
            f"({'meets' if ratio >= TARGET_RATIO else 'misses'} the {TARGET_RATIO}x target); "
            f"p99 at {STEADY_RATE}/s {'meets' if p99_ms < TARGET_P99_MS else 'misses'} "
            f"the {TARGET_P99_MS:.0f} ms target"
        )
        seconds = await time_import(settings)
        print(
            f"import of {IMPORT_ROWS:,} participants (CSV, through the API in-process): "
            f"{seconds:.2f} s ({'meets' if seconds < 3 else 'misses'} the 3 s target)"
        )
    finally:
        await drop_database(url)


MAX_ANSWERS_FROM_CLI = 5_000


async def run(postgres_url: str, rabbitmq_url: str, *, events: int) -> None:
    """The signature ``./soket bench`` calls: ``events`` answers for the highest rate, at most
    5,000 (the command's default of 20,000 is sized for the pipeline)."""
    await measure(postgres_url, min(events, MAX_ANSWERS_FROM_CLI))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers per server")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    arguments = parser.parse_args(argv)
    asyncio.run(measure(arguments.postgres_url, arguments.answers, workers=arguments.workers))


if __name__ == "__main__":
    main()
