"""Every process of every service running on real PostgreSQL and RabbitMQ, as ``./soket up``
starts them, for one test module or one benchmark (no pytest needed).

A :class:`RunningSystem` owns its databases (its own prefix, migrated), its own RabbitMQ vhost,
free ports and a folder for logs; ``stop`` leaves no process and ``discard`` drops what it made.
Beside it: people acting through the real APIs (:class:`ClientAdmin`, :class:`PrivacyOfficer`),
seeding (participants, questions, quizzes, answers from the emailed links), the emails the SES
emulator took, dumps of every service's database and a peek at every queue.
"""

import asyncio
import base64
import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import (
    Awaitable,
    Callable,
    Collection,
    Coroutine,
    Iterator,
    Mapping,
    Sequence,
)
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit
from uuid import UUID
from zoneinfo import ZoneInfo

import aio_pika
import asyncpg
import httpx
import pytest

from chassis.migrations import drop_database
from chassis.privacy.keys import generate_development_keys
from chassis.privacy.subject_ref import subject_ref
from chassis.settings import async_database_url, database_name
from delivery.testing.moto_ses import SentEmail, sent_emails
from soket_cli.infrastructure import create_vhost, delete_vhost
from soket_cli.layout import SERVICES, ProcessSpec, process_specs, repo_root
from soket_cli.pytest_infrastructure import TestInfrastructure

DATA_SERVICES = ("accounts", "assessments", "delivery", "analytics")
PASSWORD = "correct horse battery staple"
READY_SECONDS = 120.0
STOP_GRACE_SECONDS = 10.0
PORTS_PER_BASE = 60
"""``layout.process_specs`` uses ``base + 10`` … ``base + 56``: the whole block must be free."""

SHORT_RETENTION: Mapping[str, str] = {
    **{f"{service.upper()}_MESSAGING__OUTBOX_RETENTION_SECONDS": "0" for service in SERVICES},
    "PRIVACY_REQUESTS__EMAIL_GRACE_DAYS": "0",
}
"""Sent outbox rows purged at the relay's next housekeeping (10 s), a closed request's email
forgotten at the privacy scheduler's next pass: what the erasure proofs wait for."""

FAST_RUNNING: Mapping[str, str] = {
    "ACCOUNTS_BCRYPT_COST": "4",
    "ASSESSMENTS_SCHEDULER__POLL_SECONDS": "0.3",
    "PRIVACY_SCHEDULER_INTERVAL_SECONDS": "0.5",
    "ASSESSMENTS_TOKEN_GUESS_LIMIT": "100000",
    "SOKET_LOG_LEVEL": "WARNING",
}
"""bcrypt at the cheapest cost tests allow, schedulers that poll often."""

T = TypeVar("T")


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_base() -> int:
    """A base (a multiple of 100) whose whole block of ports is free right now, below the
    kernel's ephemeral range (32768 on): outgoing connections never take one of them later."""
    for _ in range(200):
        base = secrets.randbelow(120) * 100 + 20_000
        if all(_port_free(base + offset) for offset in range(PORTS_PER_BASE)):
            return base
    raise RuntimeError("no free block of ports found")


def with_vhost(url: str, vhost: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(vhost, safe="")))


def specs_at(port_base: int) -> list[ProcessSpec]:
    """Every service process, on the ports ``./soket up`` gives them from this base."""
    saved = os.environ.get("SOKET_PORT_BASE")
    os.environ["SOKET_PORT_BASE"] = str(port_base)
    try:
        return process_specs(instances=1)
    finally:
        if saved is None:
            del os.environ["SOKET_PORT_BASE"]
        else:
            os.environ["SOKET_PORT_BASE"] = saved


@dataclass
class Running:
    spec: ProcessSpec
    popen: subprocess.Popen[bytes]
    log: Path


@dataclass
class RunningSystem:
    """The whole of Soket's services (not the gateway) on one database prefix and vhost."""

    postgres_url: str
    rabbitmq_url: str
    """The server's URL; a vhost of this system's own is made from it when it can be."""
    database_prefix: str
    folder: Path
    environment: dict[str, str] = field(default_factory=dict)
    """Variables over the defaults (``SHORT_RETENTION``, ``FAST_RUNNING``, fresh keys)."""
    port_base: int = field(default_factory=free_port_base)
    vhost: str | None = None
    processes: dict[str, Running] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.specs = {spec.name: spec for spec in specs_at(self.port_base)}
        self.keys = generate_development_keys()

    # --- starting and stopping -------------------------------------------------------------

    @property
    def broker_url(self) -> str:
        return with_vhost(self.rabbitmq_url, self.vhost) if self.vhost else self.rabbitmq_url

    def process_environment(self) -> dict[str, str]:
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.endswith(("_DATABASE_URL", "_PROBE_PORT", "_RABBITMQ_URL"))
        }
        return {
            **inherited,
            **self.keys,
            "POSTGRES_URL": self.postgres_url,
            "RABBITMQ_URL": self.broker_url,
            "SOKET_DATABASE_PREFIX": self.database_prefix,
            "SOKET_ENVIRONMENT": "test",
            "SOKET_JWKS_URL": f"{self.url('accounts')}/.well-known/jwks.json",
            "SOKET_STATE_DIR": str(self.folder),
            "DELIVERY_SES__ENDPOINT_URL": self.spec("delivery", "ses_emulator").url,
            "DELIVERY_SES__ACCESS_KEY_ID": "testing",
            "DELIVERY_SES__SECRET_ACCESS_KEY": "testing",
            "DELIVERY_SES__MAX_SEND_RATE": "500",
            "PYTHONUNBUFFERED": "1",
            **SHORT_RETENTION,
            **FAST_RUNNING,
            **self.environment,
        }

    def start(self) -> None:
        """Vhost, databases (created and migrated, as ``./soket migrate``), every process; returns
        once all are ready, else stops them and raises with the logs of those that were not."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.vhost is None:
            name = f"{self.database_prefix.rstrip('_')}"
            user = urlsplit(self.rabbitmq_url).username or "guest"
            if create_vhost(name, user=user):
                self.vhost = name
        migrated = subprocess.run(
            [sys.executable, "-m", "soket_cli", "migrate"],
            env=self.process_environment(),
            cwd=repo_root(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if migrated.returncode != 0:
            raise RuntimeError(f"migrating failed:\n{migrated.stdout}\n{migrated.stderr}")
        for spec in self.specs.values():
            self._launch(spec)
        try:
            self.wait_ready(list(self.specs.values()))
            _in_a_thread(self.wait_for_receipt_keys())
        except BaseException:
            self.stop()
            raise

    async def wait_for_receipt_keys(self, *, within: float = 90) -> None:
        """Until privacy holds every data service's receipt key (from ``keys.published``)."""

        async def known() -> bool:
            rows = await self.fetch("privacy", "SELECT DISTINCT service FROM service_key")
            return {row["service"] for row in rows} >= set(DATA_SERVICES)

        await eventually(known, within=within, what="privacy learning every receipt key")

    def spec(self, service: str, kind: str) -> ProcessSpec:
        return self.specs[f"{service}-{kind}"]

    def url(self, service: str) -> str:
        return self.spec(service, "api").url

    def _launch(self, spec: ProcessSpec) -> None:
        log = self.folder / "logs" / f"{spec.name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as output:
            popen = subprocess.Popen(
                spec.command(sys.executable),
                cwd=repo_root(),
                env={**self.process_environment(), "SOKET_PROBE_PORT": str(spec.port)},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes[spec.name] = Running(spec, popen, log)

    def wait_ready(self, specs: Sequence[ProcessSpec], *, seconds: float = READY_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        waiting = list(specs)
        with httpx.Client(timeout=2.0) as client:
            while waiting:
                for spec in list(waiting):
                    running = self.processes[spec.name]
                    if running.popen.poll() is not None:
                        raise RuntimeError(f"{spec.name} exited:\n{self.log_tail(spec.name)}")
                    with contextlib.suppress(httpx.HTTPError):
                        if client.get(f"{spec.url}/readyz").status_code == 200:
                            waiting.remove(spec)
                if waiting and time.monotonic() > deadline:
                    tails = "\n".join(self.log_tail(spec.name) for spec in waiting)
                    names = ", ".join(spec.name for spec in waiting)
                    raise RuntimeError(f"not ready after {seconds:.0f} s: {names}\n{tails}")
                if waiting:
                    time.sleep(0.2)

    def log_tail(self, name: str, *, lines: int = 30) -> str:
        path = self.folder / "logs" / f"{name}.log"
        if not path.exists():
            return f"({name}: no log)"
        text = path.read_text(errors="replace").splitlines()[-lines:]
        return f"--- {name}\n" + "\n".join(line[:600] for line in text)

    def stop_process(self, service: str, kind: str) -> None:
        """Stops one process (SIGTERM to its group, SIGKILL after the grace period)."""
        running = self.processes.pop(f"{service}-{kind}")
        _stop_groups([running])

    def start_process(self, service: str, kind: str) -> None:
        """(Re)starts one process and waits until it is ready."""
        spec = self.spec(service, kind)
        self._launch(spec)
        self.wait_ready([spec])

    def stop(self) -> None:
        """Every process stopped, none left behind (their whole process groups)."""
        running = list(self.processes.values())
        self.processes.clear()
        _stop_groups(running)

    def discard(self) -> None:
        """Drops the databases and the vhost (after ``stop``); callable with or without a
        running event loop."""

        async def drop() -> None:
            for service in SERVICES:
                name = database_name(service, self.database_prefix)
                await drop_database(async_database_url(self.postgres_url, name))

        _in_a_thread(drop())
        if self.vhost is not None:
            delete_vhost(self.vhost)

    def alive(self) -> list[str]:
        """Names of processes (of this system) whose group still has a living member."""
        return [name for name, running in self.processes.items() if _group_alive(running.popen.pid)]

    # --- what the services hold ------------------------------------------------------------

    def database_url(self, service: str) -> str:
        """A plain ``postgresql://`` URL of the service's database (asyncpg, pg_dump)."""
        url = async_database_url(self.postgres_url, database_name(service, self.database_prefix))
        return url.replace("postgresql+asyncpg://", "postgresql://", 1)

    def dump(self, service: str) -> str:
        """``pg_dump --data-only`` of the service's database (bytea comes out as hex)."""
        dumped = subprocess.run(
            ["pg_dump", "--data-only", "--no-owner", f"--dbname={self.database_url(service)}"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return dumped.stdout

    def dumps(self) -> dict[str, str]:
        return {service: self.dump(service) for service in SERVICES}

    async def fetch(self, service: str, query: str, *args: object) -> list[dict[str, Any]]:
        connection = await asyncpg.connect(self.database_url(service))
        try:
            return [dict(row) for row in await connection.fetch(query, *args)]
        finally:
            await connection.close()

    def queue_depths(self) -> dict[str, int]:
        """Every queue of the vhost and its ready messages (``rabbitmqctl``: the management
        API is not enabled here)."""
        listed = subprocess.run(
            ["rabbitmqctl", "list_queues", "-q", "-p", self.vhost or "/", "name", "messages"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        depths: dict[str, int] = {}
        for line in listed.stdout.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                depths[parts[0]] = int(parts[1])
        return depths

    async def ready_counts(self) -> dict[str, int]:
        """Every queue's ready messages, asked of each queue (``rabbitmqctl``'s counts lag)."""
        names = await asyncio.to_thread(self.queue_depths)
        counts: dict[str, int] = {}
        connection = await aio_pika.connect(self.broker_url)
        try:
            channel = await connection.channel()
            for name in names:
                queue = await channel.declare_queue(name, passive=True)
                counts[name] = queue.declaration_result.message_count or 0
        finally:
            await connection.close()
        return counts

    async def queued_messages(self) -> dict[str, list[bytes]]:
        """The bodies waiting in every queue, read with ``basic.get`` and never acknowledged:
        closing the channel puts them back."""
        names = await asyncio.to_thread(self.queue_depths)
        found: dict[str, list[bytes]] = {}
        connection = await aio_pika.connect(self.broker_url)
        try:
            for name in names:
                channel = await connection.channel()
                try:
                    queue = await channel.declare_queue(name, passive=True)
                    bodies: list[bytes] = []
                    while (message := await queue.get(no_ack=False, fail=False)) is not None:
                        bodies.append(message.body)
                    if bodies:
                        found[name] = bodies
                finally:
                    await channel.close()
        finally:
            await connection.close()
        return found

    async def settle(self, *, within: float = 90) -> None:
        """Waits until every outbox has published everything and every queue (but the
        unrouted and dead-letter ones, which keep what they hold) is empty."""

        async def quiet() -> bool:
            for service in SERVICES:
                [row] = await self.fetch(
                    service, "SELECT count(*) AS n FROM outbox_message WHERE published_at IS NULL"
                )
                if row["n"]:
                    return False
            listed = await asyncio.to_thread(self.queue_depths)  # counts unacknowledged ones too
            ready = await self.ready_counts()
            return not any(
                listed[name] or ready[name]
                for name in listed
                if not name.endswith((".unrouted", ".dlq"))
            )

        await eventually(quiet, within=within, what="every outbox and queue drained")
        await asyncio.sleep(0.5)
        await eventually(quiet, within=within, what="every outbox and queue drained")

    def subject_ref(self, *, tenant_id: UUID, email: str) -> str:
        """The person's ``subject_ref`` under this system's key."""
        key = base64.b64decode(self.keys["SUBJECT_REF_KEY"])
        return subject_ref(key, tenant_id=tenant_id, email=email)

    async def dead_letter(self, queue: str, envelope: Mapping[str, Any]) -> None:
        """Puts a message straight into a (dead-letter) queue, as a failed event would be."""
        connection = await aio_pika.connect(self.broker_url)
        try:
            channel = await connection.channel()
            body = json.dumps(dict(envelope)).encode()
            message = aio_pika.Message(body, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
            await channel.default_exchange.publish(message, routing_key=queue)
        finally:
            await connection.close()

    # --- email --------------------------------------------------------------------------------

    async def emails(self) -> list[SentEmail]:
        return await asyncio.to_thread(sent_emails, self.spec("delivery", "ses_emulator").url)

    async def email_to(
        self, address: str, *, containing: str = "", after: int = 0, within: float = 60
    ) -> SentEmail:
        """The first email to ``address`` (among those after the first ``after``) whose text
        contains ``containing``."""

        async def look() -> SentEmail | None:
            for sent in (await self.emails())[after:]:
                if address in sent.to and containing in sent.text:
                    return sent
            return None

        found = await eventually(look, within=within, what=f"an email to {address}")
        assert found is not None
        return found

    # --- people --------------------------------------------------------------------------------

    def http(self, service: str, *, timeout: float = 30) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url(service), timeout=timeout)

    async def sign_up_client(self, *, email: str, organisation: str = "Näidis OÜ") -> "ClientAdmin":
        """A client signed up through accounts, its admin's address verified from the emailed
        link, logged in."""
        async with self.http("accounts") as accounts:
            signup = await accounts.post(
                "/signup",
                json={
                    "organisation_name": organisation,
                    "email": email,
                    "password": PASSWORD,
                    "name": "Admin Adminson",
                },
            )
            assert signup.status_code == 201, signup.text
            mail = await self.email_to(email)
            token = link_token(mail)
            verified = await accounts.post("/auth/verify-email", json={"token": token})
            assert verified.status_code == 204, verified.text
        admin = ClientAdmin(
            system=self,
            email=email,
            tenant_id=UUID(signup.json()["tenant_id"]),
            user_id=UUID(signup.json()["user_id"]),
        )
        await admin.log_in()
        return admin

    async def privacy_officer(self, *, email: str) -> "PrivacyOfficer":
        """A privacy officer made with ``./soket admin create-privacy-officer``, their password
        set through the printed link, logged in."""
        made = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "soket_cli", "admin", "create-privacy-officer", email],
            env=self.process_environment(),
            cwd=repo_root(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert made.returncode == 0, made.stdout + made.stderr
        link = made.stdout.strip().splitlines()[-1]
        token = parse_qs(urlsplit(link).query)["token"][0]
        async with self.http("accounts") as accounts:
            reset = await accounts.post(
                "/auth/password-reset/confirm", json={"token": token, "password": PASSWORD}
            )
            assert reset.status_code == 204, reset.text
        officer = PrivacyOfficer(system=self, email=email)
        await officer.log_in()
        return officer


def link_token(mail: SentEmail) -> str:
    """The ``token`` query parameter of the first link in the email that carries one."""
    for link in mail.links:
        values = parse_qs(urlsplit(link).query).get("token")
        if values:
            return values[0]
    raise AssertionError(f"no link with a token in {mail.subject!r}: {mail.links}")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


_CODE = re.compile(r"\b(\d{6})\b")


def verification_code(mail: SentEmail) -> str:
    found = _CODE.search(mail.text)
    assert found, f"no 6-digit code in {mail.subject!r}"
    return found.group(1)


async def eventually(
    probe: Callable[[], Awaitable[T | None]], *, within: float = 60, what: str = ""
) -> T:
    """Polls ``probe`` until it returns something other than None (or False)."""
    deadline = time.monotonic() + within
    while True:
        found = await probe()
        if found is not None and found is not False:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {within} s")
        await asyncio.sleep(0.2)


@dataclass(frozen=True)
class Person:
    """A participant of a client: their id, name, email."""

    id: UUID
    name: str
    email: str


@dataclass(kw_only=True)
class Staff:
    system: RunningSystem
    email: str
    access_token: str = ""

    async def log_in(self) -> None:
        async with self.system.http("accounts") as accounts:
            login = await accounts.post(
                "/auth/login", json={"email": self.email, "password": PASSWORD}
            )
            assert login.status_code == 200, login.text
            self.access_token = login.json()["access_token"]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    async def call(
        self, method: str, service: str, path: str, *, expect: int | None = None, **kwargs: Any
    ) -> httpx.Response:
        """One API call with this person's token (logged in again once if it expired)."""
        async with self.system.http(service) as client:
            response = await client.request(method, path, headers=self.headers, **kwargs)
            if response.status_code == 401:
                await self.log_in()
                response = await client.request(method, path, headers=self.headers, **kwargs)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: {response.text[:2000]}"
        return response


@dataclass(kw_only=True)
class PrivacyOfficer(Staff):
    pass


@dataclass(kw_only=True)
class ClientAdmin(Staff):
    tenant_id: UUID
    user_id: UUID

    async def add_participant(self, *, name: str, email: str) -> Person:
        made = await self.call(
            "POST", "assessments", "/participants", json={"name": name, "email": email}, expect=201
        )
        return Person(id=UUID(made.json()["id"]), name=name, email=email)

    async def add_question(self, *, kind: str = "single_choice", text: str = "") -> dict[str, Any]:
        options: list[dict[str, Any]] = []
        if kind in ("single_choice", "multiple_choice"):
            options = [{"label": "Tallinn", "correct": True}, {"label": "Tartu"}]
        body = {
            "kind": kind,
            "text": text or f"Mis on Eesti pealinn? ({secrets.token_hex(3)})",
            "options": options,
            "topics": ["geograafia"],
        }
        made = await self.call("POST", "assessments", "/questions", json=body, expect=201)
        question: dict[str, Any] = made.json()
        return question

    async def publish_quiz(
        self, *, question_ids: Sequence[str], participants: Sequence[Person], title: str = "Test"
    ) -> dict[str, Any]:
        """A quiz open from now for a week, published: the scheduler sends it at once."""
        opens = datetime.now(UTC) - timedelta(seconds=5)
        body = {
            "kind": "quiz",
            "title": title,
            "question_ids": list(question_ids),
            "participant_ids": [str(person.id) for person in participants],
            "group_ids": [],
            "channels": ["email"],
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(days=7)).isoformat(),
        }
        made = await self.call("POST", "assessments", "/assessments", json=body, expect=201)
        quiz_id = made.json()["id"]
        published = await self.call(
            "POST", "assessments", f"/assessments/{quiz_id}/publish", expect=200
        )
        quiz: dict[str, Any] = published.json()
        return quiz

    async def publish_daily(
        self, *, question_ids: Sequence[str], participants: Sequence[Person], title: str
    ) -> dict[str, Any]:
        """Daily questions every day at five minutes ago, client time (Europe/Tallinn): today's
        send is due at once."""
        local = datetime.now(ZoneInfo("Europe/Tallinn")) - timedelta(minutes=5)
        body = {
            "kind": "daily_questions",
            "title": title,
            "question_ids": list(question_ids),
            "participant_ids": [str(person.id) for person in participants],
            "channels": ["email"],
            "weekdays": [1, 2, 3, 4, 5, 6, 7],
            "send_time": local.time().replace(microsecond=0).isoformat(),
            "starts_on": local.date().isoformat(),
        }
        made = await self.call("POST", "assessments", "/assessments", json=body, expect=201)
        published = await self.call(
            "POST", "assessments", f"/assessments/{made.json()['id']}/publish", expect=200
        )
        daily: dict[str, Any] = published.json()
        return daily

    async def answer_links(
        self, person: Person, *, title: str, count: int = 1, within: float = 90
    ) -> list[str]:
        """The answer pages' paths of the ``count`` invitations to quizzes titled ``title``
        (distinct titles per call keep them apart) that the person was emailed."""

        async def look() -> list[str] | None:
            paths = [
                path_of(link)
                for sent in await self.system.emails()
                if person.email in sent.to and title in sent.subject + sent.text
                for link in sent.links
                if "/a/" in link
            ]
            return paths if len(paths) >= count else None

        return await eventually(look, within=within, what=f"{count} invitations to {title!r}")

    async def quiz_answered(
        self, answers: Sequence[tuple[Person, str]], *, title: str
    ) -> dict[str, Any]:
        """A quiz of a choice and a free-text question sent to these people, each answering
        from their emailed link: the right option, and their own free text."""
        choice = await self.add_question()
        free = await self.add_question(kind="free_text", text=f"Mida arvad? ({title})")
        quiz = await self.publish_quiz(
            question_ids=[choice["id"], free["id"]],
            participants=[person for person, _ in answers],
            title=title,
        )
        right = next(option["id"] for option in choice["options"] if option["correct"])
        for person, text in answers:
            [path] = await self.answer_links(person, title=title)
            answered = await self.answer(
                path, {f"q-{choice['id']}": right, f"q-{free['id']}": text}
            )
            assert answered.status_code == 200, answered.text[:500]
        return quiz

    async def answer(self, path: str, form: Mapping[str, str | Sequence[str]]) -> httpx.Response:
        """Posts the answer page's form, as the participant's browser does."""
        async with self.system.http("assessments") as page:
            return await page.post(path, data=dict(form))


@contextlib.contextmanager
def running_system(
    *,
    postgres_url: str,
    rabbitmq_url: str,
    database_prefix: str,
    folder: Path,
    environment: Mapping[str, str] | None = None,
) -> Iterator[RunningSystem]:
    """Started, yielded, then stopped (no process left) and discarded (databases, vhost)."""
    system = RunningSystem(
        postgres_url=postgres_url,
        rabbitmq_url=rabbitmq_url,
        database_prefix=database_prefix,
        folder=folder,
        environment=dict(environment or {}),
    )
    try:
        system.start()
        yield system
    finally:
        system.stop()
        system.discard()


def module_system(
    infrastructure: TestInfrastructure,
    tmp_path_factory: pytest.TempPathFactory,
    *,
    name: str,
    environment: Mapping[str, str] | None = None,
) -> Iterator[RunningSystem]:
    """A whole system for one test module on databases of its own (``<run prefix><name>_``),
    for a module-scoped fixture to ``yield from``; nothing may be left running after it."""
    with running_system(
        postgres_url=infrastructure.postgres_url,
        rabbitmq_url=infrastructure.rabbitmq_url,
        database_prefix=f"{infrastructure.database_prefix}{name}_",
        folder=tmp_path_factory.mktemp(name),
        environment=environment,
    ) as running:
        yield running
    assert running.alive() == []


def _in_a_thread(work: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine to its end from sync code, whether or not an event loop is running."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


def _group_alive(pgid: int) -> bool:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def _stop_groups(running: Sequence[Running]) -> None:
    for item in running:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(item.popen.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while any(_group_alive(item.popen.pid) for item in running) and time.monotonic() < deadline:
        for item in running:
            item.popen.poll()
        time.sleep(0.1)
    for item in running:
        if _group_alive(item.popen.pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(item.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            item.popen.wait(timeout=5)


def marker_forms(marker: str) -> list[str]:
    """How a marker can appear in a dump or a message body: as text, JSON-escaped, in either
    case, and hex-encoded (``bytea`` columns such as the outbox's bodies dump as hex)."""
    forms = {marker, marker.lower(), json.dumps(marker)[1:-1]}
    forms |= {form.encode().hex() for form in list(forms)}
    return sorted(forms)


def traces(marker: str, texts: Mapping[str, str | bytes]) -> list[str]:
    """The names of the texts in which the marker appears, in any of its forms."""
    forms = marker_forms(marker)
    found = []
    for name, text in texts.items():
        haystack = text.decode(errors="replace") if isinstance(text, bytes) else text
        lowered = haystack.lower()
        if any(form.lower() in lowered for form in forms):
            found.append(name)
    return found


# --- data-subject requests through the privacy API ---------------------------------------------

FINISHED = frozenset({"verified", "failed", "denied", "canceled", "withdrawn"})
"""States a request does not leave by itself (``completed`` does, for an erasure)."""


async def request_detail(staff: Staff, request_id: str, *, route: str) -> dict[str, Any]:
    """``route`` is ``/client/requests`` (a client admin) or ``/requests`` (an officer)."""
    detail: dict[str, Any] = (
        await staff.call("GET", "privacy", f"{route}/{request_id}", expect=200)
    ).json()
    return detail


async def wait_for_state(
    staff: Staff,
    request_id: str,
    states: Collection[str],
    *,
    route: str = "/client/requests",
    within: float = 90,
) -> dict[str, Any]:
    """The request's detail once its state is one of ``states``; fails early, with the
    detail, when it reached another final state."""

    async def look() -> dict[str, Any] | None:
        detail = await request_detail(staff, request_id, route=route)
        if detail["state"] in states:
            return detail
        assert detail["state"] not in FINISHED, json.dumps(detail, indent=1, default=str)
        return None

    try:
        return await eventually(look, within=within, what=f"request {request_id} in {states}")
    except AssertionError:
        detail = await request_detail(staff, request_id, route=route)
        raise AssertionError(json.dumps(detail, indent=1, default=str)) from None


async def client_request(
    admin: "ClientAdmin", *, email: str, request_type: str, **extra: Any
) -> dict[str, Any]:
    """A request about one of the client's participants, entered by its admin (who decides
    it: approved at once)."""
    body = {"email": email, "request_type": request_type, "language": "et", **extra}
    made = await admin.call("POST", "privacy", "/client/requests", json=body, expect=201)
    detail: dict[str, Any] = made.json()
    return detail


async def officer_request(
    officer: Staff, *, email: str, tenant_id: UUID, request_type: str, **extra: Any
) -> dict[str, Any]:
    """A participant's request a privacy officer received by other means (verified): it
    waits for the client admin's decision."""
    body = {
        "email": email,
        "request_type": request_type,
        "language": "et",
        "subject_kind": "participant",
        "tenant_id": str(tenant_id),
        **extra,
    }
    made = await officer.call("POST", "privacy", "/requests", json=body, expect=201)
    detail: dict[str, Any] = made.json()
    return detail


async def decide(admin: "ClientAdmin", request_id: str, *, decision: str = "approve") -> None:
    await admin.call(
        "POST",
        "privacy",
        f"/client/requests/{request_id}/decision",
        json={"decision": decision},
        expect=200,
    )


_COPY = re.compile(r"^COPY (\S+) ")


def tables_holding(marker: str, dump: str) -> set[str]:
    """The tables of a ``pg_dump --data-only`` whose rows hold the marker in any form."""
    forms = [form.lower() for form in marker_forms(marker)]
    found: set[str] = set()
    table = None
    for line in dump.splitlines():
        copying = _COPY.match(line)
        if copying:
            table = copying.group(1).removeprefix("public.")
        elif line == "\\.":
            table = None
        elif table is not None and any(form in line.lower() for form in forms):
            found.add(table)
    return found
