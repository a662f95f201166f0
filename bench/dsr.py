"""Data-subject requests with every service running: erasures across the four data services,
and an export, beside raw baselines measured in the same run.

Every process of every service runs as ``./soket up`` starts it (``tests/privacy_system.py``,
which needs no pytest), on scratch databases and a scratch vhost. One client, its admin and a
privacy officer are made through accounts' API; each subject is a participant added through
assessments' API who answered a quiz from the link delivery emailed to the SES emulator, so
that assessments, delivery and analytics hold rows about them (accounts holds none, and still
answers with a signed receipt).

- Sequential: the officer enters each subject's erasure (a request received by other means,
  so no email code), which waits for the client admin; all are entered first. Then, one at a
  time, the admin approves (``POST /client/requests/{id}/decision``) and the clock runs until
  the request reads ``verified`` (every receipt in, the re-export empty everywhere), polled
  every 5 ms from privacy's database. The same interval from privacy's own transition times
  is printed too.
- Burst: 50 such requests approved at once; erasures per second from the first approval to
  the last ``verified``.
- Export: one subject with 10,000 answers, seeded through the real answer page: 500 questions,
  20 quizzes of all 500 sent to the subject, each link's form posted with 500 answers (the 20
  posts run concurrently); analytics ingests the 10,000 events before the clock starts. The
  clock runs from the approval to ``completed`` (every service's slice in, the ZIP built and
  its link signed); the ZIP is then downloaded from the emailed link.

Baselines: one message's round trip through the broker alone (aio-pika, persistent,
publisher confirms, a quorum queue, consumed in the same process), and one ``DELETE`` of a
person's rows committed through the database alone (asyncpg, a scratch table of 100,000 rows).

    .venv/bin/python -m bench.dsr [--requests N] [--burst N] [--answers N]
"""

import argparse
import asyncio
import io
import os
import secrets
import shutil
import statistics
import tempfile
import time
import zipfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from uuid import UUID

import aio_pika
import asyncpg

from chassis.migrations import create_database_if_missing, drop_database
from chassis.settings import DEFAULT_POSTGRES_URL, DEFAULT_RABBITMQ_URL, async_database_url
from tests.privacy_system import ClientAdmin, Person, RunningSystem, Staff, path_of

TARGET_P50 = 0.25
TARGET_P99 = 1.0
TARGET_RATE = 35.0
TARGET_EXPORT = 2.0
PEER = (
    "peer on this machine: Ethyca Fides 2.78 erases one person from a single table in a "
    "median 0.41 s; a burst of 20 takes 5.8 s (≈3.5/s)"
)
BASELINE_SAMPLES = 200
POLL_SECONDS = 0.005
IN_FLIGHT = 16
QUESTIONS_PER_QUIZ = 500
"""Assessments takes at most 500 questions in one assessment."""

T = TypeVar("T")


@dataclass(frozen=True)
class Latencies:
    seconds: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p99(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]

    def describe(self) -> str:
        return f"p50 {self.p50 * 1000:.1f} ms, p99 {self.p99 * 1000:.1f} ms (n={len(self.seconds)})"


def verdict(good: bool) -> str:
    return "meets" if good else "misses"


async def limited(count: int, work: Callable[[int], Awaitable[T]]) -> list[T]:
    """``work(0..count-1)``, at most ``IN_FLIGHT`` at once, results in order."""
    slots = asyncio.Semaphore(IN_FLIGHT)

    async def one(number: int) -> T:
        async with slots:
            return await work(number)

    return list(await asyncio.gather(*(one(number) for number in range(count))))


# --- baselines ----------------------------------------------------------------------------------


async def broker_round_trips(url: str, samples: int) -> Latencies:
    """One persistent, confirmed message at a time through a fresh quorum queue to a consumer."""
    name = f"bench.dsr.baseline.{secrets.token_hex(4)}"
    connection = await aio_pika.connect(url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        queue = await channel.declare_queue(
            name, durable=True, arguments={"x-queue-type": "quorum"}
        )
        arrived: asyncio.Queue[float] = asyncio.Queue()

        async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            await message.ack()
            arrived.put_nowait(time.perf_counter())

        tag = await queue.consume(on_message)
        seconds = []
        for _ in range(samples + 20):
            started = time.perf_counter()
            message = aio_pika.Message(b"x" * 600, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
            await channel.default_exchange.publish(message, routing_key=name)
            seconds.append(await asyncio.wait_for(arrived.get(), 30) - started)
        await queue.cancel(tag)
        await queue.delete(if_unused=False, if_empty=False)
    finally:
        await connection.close()
    return Latencies(seconds[20:])


async def database_deletes(postgres_url: str, samples: int) -> Latencies:
    """``DELETE`` of one person's 10 rows (of 100,000, indexed), each committed alone."""
    url = async_database_url(postgres_url, f"soket_bench_dsr_baseline_{secrets.token_hex(3)}")
    await create_database_if_missing(url)
    try:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await connection.execute(
                "CREATE TABLE answer (id bigserial PRIMARY KEY, subject_ref text NOT NULL, "
                "free_text text, answered_at timestamptz NOT NULL DEFAULT now())"
            )
            await connection.execute(
                "INSERT INTO answer (subject_ref, free_text) SELECT 'p' || (n % 10000), "
                "'vastus ' || n FROM generate_series(1, 100000) AS n"
            )
            await connection.execute("CREATE INDEX ON answer (subject_ref)")
            await connection.execute("ANALYZE answer")
            seconds = []
            for number in range(samples + 20):
                started = time.perf_counter()
                await connection.execute("DELETE FROM answer WHERE subject_ref = $1", f"p{number}")
                seconds.append(time.perf_counter() - started)
        finally:
            await connection.close()
    finally:
        await drop_database(url)
    return Latencies(seconds[20:])


# --- seeding ------------------------------------------------------------------------------------


async def people_who_answered(
    system: RunningSystem, admin: ClientAdmin, count: int
) -> list[Person]:
    """``count`` participants, each invited by email to one quiz and answering from the link."""
    tag = secrets.token_hex(3)
    people = await limited(
        count,
        lambda number: admin.add_participant(
            name=f"Bench Person {tag} {number}", email=f"bench.{tag}.{number}@example.ee"
        ),
    )
    question = await admin.add_question()
    right = next(option["id"] for option in question["options"] if option["correct"])
    title = f"Bench {tag}"
    await admin.publish_quiz(question_ids=[question["id"]], participants=people, title=title)
    links = await invitation_links(system, title=title, expected=count)
    by_address = {person.email: person for person in people}
    form = {f"q-{question['id']}": right}

    async def answer(number: int) -> None:
        address, path = links[number]
        answered = await admin.answer(path, form)
        if answered.status_code != 200:
            raise RuntimeError(f"answering for {by_address[address].name}: {answered.status_code}")

    await limited(len(links), answer)
    return people


async def invitation_links(
    system: RunningSystem, *, title: str, expected: int, within: float = 300
) -> list[tuple[str, str]]:
    """(address, answer page path) of every invitation to quizzes titled ``title``."""
    deadline = time.monotonic() + within
    while True:
        found = [
            (sent.to[0], path_of(link))
            for sent in await system.emails()
            if title in sent.subject + sent.text
            for link in sent.links
            if "/a/" in link
        ]
        if len(found) >= expected:
            return found
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(found)} of {expected} invitations to {title!r}")
        await asyncio.sleep(0.5)


async def subject_with_answers(
    system: RunningSystem, admin: ClientAdmin, answers: int
) -> tuple[Person, float]:
    """A participant with ``answers`` answers (quizzes of up to 500 questions, every link's
    form posted at once); the seconds the answering took."""
    tag = secrets.token_hex(3)
    person = await admin.add_participant(
        name=f"Bench Exporter {tag}", email=f"bench.export.{tag}@example.ee"
    )
    per_quiz = min(QUESTIONS_PER_QUIZ, answers)
    questions = await limited(
        per_quiz, lambda number: admin.add_question(text=f"Küsimus {tag} number {number}?")
    )
    quizzes = -(-answers // per_quiz)
    title = f"Eksport {tag}"
    for number in range(quizzes):
        share = min(per_quiz, answers - number * per_quiz)
        await admin.publish_quiz(
            question_ids=[question["id"] for question in questions[:share]],
            participants=[person],
            title=f"{title} {number}",
        )
    links = await invitation_links(system, title=title, expected=quizzes)
    forms: dict[str, dict[str, str]] = {}
    for _, path in links:
        page = await fetch_page(system, path)
        forms[path] = {
            f"q-{question['id']}": next(o["id"] for o in question["options"] if o["correct"])
            for question in questions
            if f"q-{question['id']}" in page
        }
    started = time.perf_counter()

    async def answer(path: str) -> None:
        answered = await admin.answer(path, forms[path])
        if answered.status_code != 200:
            raise RuntimeError(f"answering a quiz of {len(forms[path])}: {answered.status_code}")

    await asyncio.gather(*(answer(path) for path in forms))
    seconds = time.perf_counter() - started
    [row] = await system.fetch(
        "assessments", "SELECT count(*) AS n FROM answer WHERE participant_id = $1", person.id
    )
    if row["n"] != answers:
        raise RuntimeError(f"{row['n']} answers recorded, not {answers}")
    return person, seconds


async def fetch_page(system: RunningSystem, path: str) -> str:
    async with system.http("assessments") as page:
        shown = await page.get(path)
    if shown.status_code != 200:
        raise RuntimeError(f"the answer page answered {shown.status_code}")
    return shown.text


# --- requests -----------------------------------------------------------------------------------


async def entered_requests(
    officer: Staff, tenant_id: UUID, people: Sequence[Person], request_type: str
) -> list[str]:
    """The officer enters each person's request; each then waits for the client's decision."""

    async def enter(number: int) -> str:
        body = {
            "email": people[number].email,
            "request_type": request_type,
            "language": "et",
            "subject_kind": "participant",
            "tenant_id": str(tenant_id),
        }
        made = await officer.call("POST", "privacy", "/requests", json=body, expect=201)
        detail: dict[str, Any] = made.json()
        if detail["state"] != "awaiting_decision":
            raise RuntimeError(f"an entered request is {detail['state']}, not awaiting_decision")
        return str(detail["id"])

    return await limited(len(people), enter)


class States:
    """Request states read straight from privacy's database (one connection, polled)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    @classmethod
    async def open(cls, system: RunningSystem) -> "States":
        return cls(await asyncpg.connect(system.database_url("privacy")))

    async def close(self) -> None:
        await self.connection.close()

    async def wait(self, request_ids: Sequence[str], state: str, *, within: float = 300) -> None:
        ids = [UUID(request_id) for request_id in request_ids]
        deadline = time.monotonic() + within
        while True:
            rows = await self.connection.fetch(
                "SELECT state, failure_reason FROM data_subject_request WHERE id = ANY($1)", ids
            )
            failed = [row["failure_reason"] for row in rows if row["state"] == "failed"]
            if failed:
                raise RuntimeError(f"a request failed: {failed[0]}")
            if sum(row["state"] == state for row in rows) == len(ids):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"not {state} within {within} s")
            await asyncio.sleep(POLL_SECONDS)

    async def server_side(self, request_ids: Sequence[str], final: str) -> Latencies:
        """From each request's approval to ``final``, by privacy's own transition times."""
        rows = await self.connection.fetch(
            "SELECT request_id, to_state, at FROM request_transition "
            "WHERE request_id = ANY($1) AND to_state IN ('approved', $2)",
            [UUID(request_id) for request_id in request_ids],
            final,
        )
        moments: dict[Any, dict[str, Any]] = {}
        for row in rows:
            moments.setdefault(row["request_id"], {})[row["to_state"]] = row["at"]
        return Latencies(
            [(item[final] - item["approved"]).total_seconds() for item in moments.values()]
        )


async def approve(admin: ClientAdmin, request_id: str) -> None:
    await admin.call(
        "POST",
        "privacy",
        f"/client/requests/{request_id}/decision",
        json={"decision": "approve"},
        expect=200,
    )


async def sequential_erasures(
    admin: ClientAdmin, states: States, request_ids: Sequence[str]
) -> tuple[Latencies, Latencies]:
    seconds = []
    for request_id in request_ids:
        started = time.perf_counter()
        await approve(admin, request_id)
        await states.wait([request_id], "verified")
        seconds.append(time.perf_counter() - started)
    return Latencies(seconds), await states.server_side(request_ids, "verified")


async def burst_of_erasures(
    admin: ClientAdmin, states: States, request_ids: Sequence[str]
) -> float:
    """Seconds from the first approval to the last ``verified``, all approved at once."""
    started = time.perf_counter()
    await asyncio.gather(*(approve(admin, request_id) for request_id in request_ids))
    await states.wait(request_ids, "verified")
    return time.perf_counter() - started


async def timed_export(
    system: RunningSystem, admin: ClientAdmin, officer: Staff, states: States, person: Person
) -> tuple[float, float, int]:
    """(seconds from approval to ``completed``, seconds to download, ZIP bytes)."""
    [request_id] = await entered_requests(officer, admin.tenant_id, [person], "export")
    await system.settle()
    before = len(await system.emails())
    started = time.perf_counter()
    await approve(admin, request_id)
    await states.wait([request_id], "completed")
    seconds = time.perf_counter() - started
    notice = await system.email_to(person.email, containing="/exports/", after=before)
    link = next(link for link in notice.links if "/exports/" in link)
    parts = urlsplit(link)
    path = parts.path[parts.path.index("/exports/") :]
    started = time.perf_counter()
    async with system.http("privacy", timeout=120) as privacy:
        download = await privacy.get(f"{path}?{parts.query}")
    download_seconds = time.perf_counter() - started
    if download.status_code != 200:
        raise RuntimeError(f"the download answered {download.status_code}")
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        if archive.testzip() is not None:
            raise RuntimeError("the export's ZIP is damaged")
    return seconds, download_seconds, len(download.content)


# --- the run ------------------------------------------------------------------------------------


async def measure(
    postgres_url: str, rabbitmq_url: str, *, requests: int, burst: int, answers: int
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="soket-bench-dsr-"))
    system = RunningSystem(
        postgres_url=postgres_url,
        rabbitmq_url=rabbitmq_url,
        database_prefix=f"soket_bench_dsr_{secrets.token_hex(3)}_",
        folder=folder,
    )
    started = time.perf_counter()
    await asyncio.to_thread(system.start)
    try:
        print(f"every process of every service ready in {time.perf_counter() - started:.0f} s")
        broker = await broker_round_trips(system.broker_url, BASELINE_SAMPLES)
        print(
            f"raw broker round trip (aio-pika, quorum, persistent, confirms): {broker.describe()}"
        )
        deletes = await database_deletes(postgres_url, BASELINE_SAMPLES)
        print(f"raw DELETE of one person's rows, committed (asyncpg): {deletes.describe()}")
        print(PEER)

        admin = await system.sign_up_client(email=f"bench.admin.{secrets.token_hex(3)}@example.ee")
        officer = await system.privacy_officer(
            email=f"bench.officer.{secrets.token_hex(3)}@soket.ee"
        )
        started = time.perf_counter()
        people = await people_who_answered(system, admin, requests + burst)
        sequential_ids = await entered_requests(
            officer, admin.tenant_id, people[:requests], "erasure"
        )
        burst_ids = await entered_requests(officer, admin.tenant_id, people[requests:], "erasure")
        await system.settle()
        print(
            f"seeded {len(people)} subjects (participant, emailed quiz, answer) and entered "
            f"their erasures in {time.perf_counter() - started:.0f} s"
        )
        states = await States.open(system)
        try:
            measured, server = await sequential_erasures(admin, states, sequential_ids)
            print(
                f"erasure, approval → verified across accounts, assessments, delivery and "
                f"analytics, {requests} one after another: {measured.describe()}; by privacy's "
                f"own transition times: {server.describe()}"
            )
            print(
                f"  target p50 ≤ {TARGET_P50} s ({verdict(measured.p50 <= TARGET_P50)}), "
                f"p99 ≤ {TARGET_P99} s ({verdict(measured.p99 <= TARGET_P99)})"
            )
            if burst_ids:
                await system.settle()
                seconds = await burst_of_erasures(admin, states, burst_ids)
                rate = len(burst_ids) / seconds
                print(
                    f"burst: {len(burst_ids)} erasures approved at once, all verified in "
                    f"{seconds:.2f} s = {rate:.1f} erasures/s "
                    f"(target ≥ {TARGET_RATE:.0f}/s: {verdict(rate >= TARGET_RATE)})"
                )
            await system.settle()
            started = time.perf_counter()
            person, answering = await subject_with_answers(system, admin, answers)
            await system.settle(within=600)
            print(
                f"seeded one subject with {answers:,} answers in "
                f"{time.perf_counter() - started:.0f} s (the answer posts: {answering:.1f} s; "
                "analytics ingested them all before the clock)"
            )
            export, download, size = await timed_export(system, admin, officer, states, person)
            print(
                f"export of that subject, approval → completed (every service's slice, ZIP "
                f"built, link signed): {export:.2f} s (target < {TARGET_EXPORT:.0f} s: "
                f"{verdict(export < TARGET_EXPORT)}); download {download:.2f} s, {size:,} bytes"
            )
        finally:
            await states.close()
    finally:
        await asyncio.to_thread(system.stop)
        await asyncio.to_thread(system.discard)
        shutil.rmtree(folder, ignore_errors=True)


DEFAULT_REQUESTS = 200
DEFAULT_BURST = 50
DEFAULT_ANSWERS = 10_000


async def run(
    postgres_url: str,
    rabbitmq_url: str,
    *,
    events: int = 0,
    requests: int | None = None,
) -> None:
    """What ``./soket bench dsr [--requests N]`` calls (``events`` is the pipeline's option,
    unused here); ``--requests`` under 50 shortens the burst too."""
    count = DEFAULT_REQUESTS if requests is None else requests
    await measure(
        postgres_url,
        rabbitmq_url,
        requests=count,
        burst=min(DEFAULT_BURST, count),
        answers=DEFAULT_ANSWERS,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=DEFAULT_REQUESTS)
    parser.add_argument("--burst", type=int, default=DEFAULT_BURST)
    parser.add_argument("--answers", type=int, default=DEFAULT_ANSWERS)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    parser.add_argument(
        "--rabbitmq-url", default=os.environ.get("RABBITMQ_URL", DEFAULT_RABBITMQ_URL)
    )
    arguments = parser.parse_args(argv)
    asyncio.run(
        measure(
            arguments.postgres_url,
            arguments.rabbitmq_url,
            requests=arguments.requests,
            burst=arguments.burst,
            answers=arguments.answers,
        )
    )


if __name__ == "__main__":
    main()
