"""Quiz invitations per second end to end — assessments' scheduler → outbox → relay → broker →
delivery's worker → sender → the provider emulators — beside the same emulators fed directly
(boto3 for moto's SES, slack-sdk for the fake Slack) at the same concurrency, in the same run.

A scratch assessments database holds two audiences of ``--events`` participants each: one
reached by email, one by Slack (linked to the fake workspace's members, as
``delivery.slack.members_imported.v1`` links them). Assessments' scheduler and relay and
delivery's worker and sender run as their own processes, with their settings' defaults
except where noted, on scratch databases and a scratch vhost, all started before any clock.
Each leg publishes a quiz that opens a moment later; its clock runs from the opening time
(when the invitations fall due) to the last message delivery marks *sent*, so the scheduler's
polling interval counts against the pipeline. The direct baselines send the same messages
(composed and rendered alike) before the processes start.
"""

import asyncio
import base64
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit
from uuid import UUID, uuid4

import aio_pika
import asyncpg
import httpx
from pydantic import SecretStr
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select, text

from assessments.assessments import service as assessments
from assessments.assessments.schemas import AssessmentIn
from assessments.content.check import word_list
from assessments.groups.models import ParticipantGroup
from assessments.keys import SubjectRefs
from assessments.participants.importing import import_participants
from assessments.questions import service as questions
from assessments.questions.schemas import OptionIn, QuestionIn
from assessments.settings import Settings as AssessmentsSettings
from chassis.database import Database, plain_dsn
from chassis.messaging.topology import declare, subscription_topology
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.privacy.keys import generate_development_keys
from chassis.privacy.subject_ref import subject_ref
from chassis.settings import MessagingOptions, async_database_url
from chassis.testing.processes import free_port
from contracts.events.assessments import AssessmentKind, QuestionKind
from contracts.vocabulary import Channel
from delivery.email.composer import EmailComposer
from delivery.email.rendering import EmailRenderer
from delivery.email.ses import ses_client
from delivery.settings import SesSettings
from delivery.slack.blocks import question_message
from delivery.slack.crypto import TokenCipher
from delivery.subscriptions import delivery_subscriptions
from delivery.testing.fake_slack import FakeSlack, FakeUser
from delivery.testing.moto_ses import prepare_sending_identity, start_moto
from soket_cli.infrastructure import create_vhost, delete_vhost
from soket_cli.layout import service_dir

CONCURRENCY = 16
"""Provider calls in flight: the direct baselines' and the sender's (SES and Slack alike)."""
TARGET_RATIO = 0.8
SCHEDULER_POLL_SECONDS = 0.5
"""The scheduler's pass interval here (its default is 5 s); a pass may begin up to this long
after the quiz opens, and that wait counts."""
OPENS_AFTER_SECONDS = 1.0
"""A quiz opens this long after it is published."""
TITLE = "Security basics"
PUBLIC_BASE_URL = "https://soket.test"


@dataclass(frozen=True)
class Leg:
    name: str
    messages: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds

    def describe(self) -> str:
        return (
            f"{self.name}: {self.messages:,} messages in {self.seconds:.1f} s "
            f"= {self.per_second:,.0f} messages/s"
        )


def _invitation(email: str | None, slack: dict[str, str] | None) -> dict[str, Any]:
    """A quiz invitation's content as delivery's worker queues it."""
    content: dict[str, Any] = {
        "template": "quiz_invitation",
        "language": "en",
        "title": TITLE,
        "question": None,
        "answer_url": f"{PUBLIC_BASE_URL}/a/{secrets.token_urlsafe(32)}",
        "answer_by": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
        "email": email,
        "slack": slack,
    }
    if email is not None:
        content["address"] = email
    return content


def measure_direct_ses(endpoint: str, raw_messages: Sequence[tuple[str, bytes]]) -> Leg:
    client = ses_client(
        SesSettings(
            endpoint_url=endpoint,
            access_key_id="testing",
            secret_access_key="testing",
            concurrency=CONCURRENCY,
        )
    )

    def send(item: tuple[str, bytes]) -> None:
        client.send_email(
            FromEmailAddress="Soket <noreply@soket.ee>",
            Destination={"ToAddresses": [item[0]]},
            Content={"Raw": {"Data": item[1]}},
            ConfigurationSetName="soket",
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(send, raw_messages))
    return Leg("direct boto3 → moto SES", len(raw_messages), time.perf_counter() - started)


async def measure_direct_slack(fake: FakeSlack, token: str, users: Sequence[FakeUser]) -> Leg:
    """Each person's DM opened, then the invitation posted: what the sender does for someone
    it has never written to."""
    client = AsyncWebClient(token=token, base_url=fake.base_url, retry_handlers=[])
    slots = asyncio.Semaphore(CONCURRENCY)

    async def send(user: FakeUser) -> None:
        content = _invitation(None, {"team_id": fake.team_id, "user_id": user.id})
        async with slots:
            opened = await client.conversations_open(users=user.id)
            text, blocks = question_message(dispatch_id=uuid4(), content=content)
            await client.chat_postMessage(channel=opened["channel"]["id"], text=text, blocks=blocks)

    started = time.perf_counter()
    await asyncio.gather(*(send(user) for user in users))
    return Leg("direct slack-sdk → fake Slack", len(users), time.perf_counter() - started)


def _composed_invitations(emails: Sequence[str]) -> list[tuple[str, bytes]]:
    composer = EmailComposer(
        renderer=EmailRenderer(),
        from_address="Soket <noreply@soket.ee>",
        public_base_url=PUBLIC_BASE_URL,
        unsubscribe_key=secrets.token_bytes(32),
    )
    tenant_id, key = uuid4(), secrets.token_bytes(32)
    composed = [
        composer.compose(
            message_id=uuid4(),
            kind="dispatch",
            tenant_id=tenant_id,
            subject_ref=subject_ref(key, tenant_id=tenant_id, email=email),
            content=_invitation(email, None),
        )
        for email in emails
    ]
    return [(message.to, message.raw) for message in composed]


async def seed_audience(
    settings: AssessmentsSettings, *, tenant_id: UUID, emails: Sequence[str]
) -> UUID:
    """Imports the participants (CSV, one group); returns the group's id."""
    database = Database(settings.database_url, pool_size=2)
    rows = "".join(f"Person {number},{email},bench\n" for number, email in enumerate(emails))
    try:
        async with database.sessions() as session, session.begin():
            await import_participants(
                session,
                tenant_id=tenant_id,
                content=("name,email,group\n" + rows).encode(),
                default_language="en",
                subject_refs=SubjectRefs(settings),
                max_rows=len(emails),
            )
            group_id = await session.scalar(
                select(ParticipantGroup.id).where(ParticipantGroup.tenant_id == tenant_id)
            )
    finally:
        await database.dispose()
    assert group_id is not None
    return group_id


async def link_slack_members(
    settings: AssessmentsSettings, *, tenant_id: UUID, team_id: str, users: Sequence[FakeUser]
) -> None:
    """What ``slack.members_imported`` does to the participants, in one statement."""
    database = Database(settings.database_url, pool_size=2)
    try:
        async with database.sessions() as session, session.begin():
            await session.execute(
                text(
                    "UPDATE participant SET slack_team_id = :team, slack_user_id = m.user_id"
                    " FROM unnest(CAST(:emails AS text[]), CAST(:users AS text[]))"
                    " AS m(email, user_id)"
                    " WHERE participant.tenant_id = :tenant AND participant.email = m.email"
                ),
                {
                    "team": team_id,
                    "emails": [user.email for user in users],
                    "users": [user.id for user in users],
                    "tenant": tenant_id,
                },
            )
    finally:
        await database.dispose()


async def publish_quiz(
    settings: AssessmentsSettings,
    *,
    tenant_id: UUID,
    group_id: UUID,
    channel: Channel,
    opens_at: datetime,
) -> None:
    database = Database(settings.database_url, pool_size=2)
    words = word_list(settings.content_wordlist_path)
    try:
        async with database.sessions() as session, session.begin():
            question = await questions.create(
                session,
                tenant_id=tenant_id,
                details=QuestionIn(
                    kind=QuestionKind.SINGLE_CHOICE,
                    text="Which password is strongest?",
                    options=[
                        OptionIn(label="correct horse battery staple", correct=True),
                        OptionIn(label="P@ssw0rd"),
                    ],
                ),
                words=words,
            )
            quiz = await assessments.create(
                session,
                tenant_id=tenant_id,
                details=AssessmentIn(
                    kind=AssessmentKind.QUIZ,
                    title=TITLE,
                    question_ids=[question.id],
                    group_ids=[group_id],
                    channels=[channel],
                    opens_at=opens_at,
                    closes_at=opens_at + timedelta(days=1),
                ),
                words=words,
            )
            await assessments.publish_assessment(
                session, tenant_id=tenant_id, assessment_id=quiz.id, now=datetime.now(UTC)
            )
    finally:
        await database.dispose()


async def _wait_sent(
    delivery_url: str, assessments_url: str, tenant_id: UUID, expected: int, started: float
) -> float:
    """Seconds from ``started`` until every message is sent; prints when the scheduler had
    issued every invitation and when delivery had queued every message."""
    delivery = await asyncpg.connect(plain_dsn(delivery_url))
    assessments_db = await asyncpg.connect(plain_dsn(assessments_url))
    issued_at = queued_at = None
    sent_by_then = 0
    try:
        while True:
            if issued_at is None:
                issued = await assessments_db.fetchval(
                    "SELECT count(*) FROM dispatch WHERE tenant_id = $1 AND status = 'issued'",
                    tenant_id,
                )
                if issued >= expected:
                    issued_at = time.perf_counter() - started
            queued, sent = await delivery.fetchrow(
                "SELECT count(*), count(*) FILTER (WHERE state = 'sent') FROM message"
                " WHERE tenant_id = $1",
                tenant_id,
            )
            if queued_at is None and queued >= expected:
                queued_at = time.perf_counter() - started
                sent_by_then = sent
            if sent >= expected:
                seconds = time.perf_counter() - started
                print(
                    f"  (all {expected:,} issued by the scheduler after {issued_at or seconds:.1f}"
                    f" s, queued by delivery after {queued_at:.1f} s ({sent_by_then:,} sent by"
                    f" then), sent after {seconds:.1f} s)"
                )
                return seconds
            if time.perf_counter() - started > 1800:
                raise RuntimeError(f"only {sent} of {expected} sent after 30 min")
            await asyncio.sleep(0.2)
    finally:
        await delivery.close()
        await assessments_db.close()


async def run_leg(
    name: str,
    settings: AssessmentsSettings,
    delivery_url: str,
    processes: "Processes",
    *,
    tenant_id: UUID,
    group_id: UUID,
    channel: Channel,
    expected: int,
) -> Leg:
    opens_at = datetime.now(UTC) + timedelta(seconds=OPENS_AFTER_SECONDS)
    await publish_quiz(
        settings, tenant_id=tenant_id, group_id=group_id, channel=channel, opens_at=opens_at
    )
    started = time.perf_counter() + (opens_at - datetime.now(UTC)).total_seconds()
    await asyncio.sleep(max(0.0, started - time.perf_counter()))
    before, machine_before = processes.cpu_seconds(), _machine_ticks()
    seconds = await _wait_sent(delivery_url, settings.database_url, tenant_id, expected, started)
    after, machine_after = processes.cpu_seconds(), _machine_ticks()
    busy = (machine_after[0] - machine_before[0]) / max(1, machine_after[1] - machine_before[1])
    print(
        "  (CPU seconds meanwhile: "
        + ", ".join(f"{module} {after[module] - before[module]:.1f}" for module in after)
        + f"; the machine's {os.cpu_count()} cores {busy:.0%} busy, PostgreSQL, RabbitMQ,"
        " moto and anything else running included)"
    )
    return Leg(name, expected, seconds)


def _start(module: str, environment: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", module],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def _wait_ready(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{log.name} exited:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{log.name} not ready:\n{log.read_text()[-2000:]}")


async def _install_workspace(
    database_url: str, cipher: TokenCipher, fake: FakeSlack, token: str, tenant_id: UUID, key: bytes
) -> None:
    connection = await asyncpg.connect(plain_dsn(database_url))
    try:
        await connection.execute(
            "INSERT INTO slack_installation (team_id, tenant_id, bot_user_id, bot_token_encrypted,"
            " scopes) VALUES ($1, $2, 'U0FAKEBOT', $3, 'chat:write,im:write')",
            fake.team_id,
            tenant_id,
            cipher.encrypt(token, team_id=fake.team_id),
        )
        await connection.executemany(
            "INSERT INTO slack_member (team_id, user_id, tenant_id, email, subject_ref)"
            " VALUES ($1, $2, $3, $4, $5)",
            [
                (
                    fake.team_id,
                    user.id,
                    tenant_id,
                    user.email,
                    subject_ref(key, tenant_id=tenant_id, email=user.email),
                )
                for user in fake.users
            ],
        )
    finally:
        await connection.close()


async def _declare_delivery_queues(broker_url: str) -> None:
    options = MessagingOptions()
    connection = await aio_pika.connect(broker_url)
    try:
        channel = await connection.channel()
        for subscription in delivery_subscriptions():
            await declare(channel, subscription_topology(subscription, options))
    finally:
        await connection.close()


def _with_vhost(url: str, vhost: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + quote(vhost, safe="")))


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, every core; zeros off Linux."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    except OSError:
        return 0, 0
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far; 0 off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Processes:
    """The services' processes of the run, each with its log and readiness probe."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.running: dict[str, subprocess.Popen[bytes]] = {}

    async def start(self, module: str, environment: dict[str, str]) -> None:
        log, port = self.folder / f"{module}.log", free_port()
        process = _start(module, {**environment, "SOKET_PROBE_PORT": str(port)}, log)
        self.running[module] = process
        await asyncio.to_thread(_wait_ready, port, process, log)

    def cpu_seconds(self) -> dict[str, float]:
        """Each process's CPU time so far, this one's (the load and the fakes) included."""
        used = {module: _cpu_seconds(process.pid) for module, process in self.running.items()}
        return {**used, "bench (fake Slack, polling)": _cpu_seconds(os.getpid())}

    def stop(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                process.terminate()
        for process in self.running.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


async def run(postgres_url: str, rabbitmq_url: str, *, events: int) -> None:
    recipients = events
    keys = generate_development_keys()
    key = base64.b64decode(keys["SUBJECT_REF_KEY"])
    vhost = f"soket_bench_fanout_{secrets.token_hex(3)}"
    has_vhost = create_vhost(vhost, user=urlsplit(rabbitmq_url).username or "guest")
    broker_url = _with_vhost(rabbitmq_url, vhost) if has_vhost else rabbitmq_url
    suffix = secrets.token_hex(3)
    delivery_url = async_database_url(postgres_url, f"soket_bench_fanout_delivery_{suffix}")
    assessments_url = async_database_url(postgres_url, f"soket_bench_fanout_assessments_{suffix}")
    assessments_settings = AssessmentsSettings(
        database_url=assessments_url,
        subject_ref_key=SecretStr(keys["SUBJECT_REF_KEY"]),
        public_base_url=PUBLIC_BASE_URL,
    )
    moto_port = free_port()
    moto = await asyncio.to_thread(start_moto, moto_port)
    endpoint = f"http://127.0.0.1:{moto_port}"
    processes = Processes(Path(tempfile.mkdtemp(prefix="soket-bench-fanout-")))
    fake = FakeSlack(team_id="T0BENCH01", seconds_per_message=0.0)
    fake.users = [
        FakeUser(id=f"U{n:08d}", email=f"slack{n}@example.com", real_name=f"Person {n}")
        for n in range(recipients)
    ]
    emails = [f"bench{n}@example.com" for n in range(recipients)]
    try:
        await asyncio.to_thread(prepare_sending_identity, endpoint)
        for url, service in ((delivery_url, "delivery"), (assessments_url, "assessments")):
            await create_database_if_missing(url)
            await asyncio.to_thread(upgrade, service_dir(service), url)
        print(
            f"fanout: {recipients:,} email and {recipients:,} Slack recipients, concurrency "
            f"{CONCURRENCY}, scheduler pass every {SCHEDULER_POLL_SECONDS} s"
        )

        direct_ses = await asyncio.to_thread(
            measure_direct_ses, endpoint, _composed_invitations(emails)
        )
        print(direct_ses.describe())

        async with fake.running():
            baseline_token = f"xoxb-{secrets.token_hex(8)}"
            fake.tokens[baseline_token] = fake.team_id
            direct_slack = await measure_direct_slack(fake, baseline_token, fake.users)
            print(direct_slack.describe())
            fake.opened.clear()

            email_tenant, slack_tenant = uuid4(), uuid4()
            email_group = await seed_audience(
                assessments_settings, tenant_id=email_tenant, emails=emails
            )
            slack_group = await seed_audience(
                assessments_settings,
                tenant_id=slack_tenant,
                emails=[user.email for user in fake.users],
            )
            await link_slack_members(
                assessments_settings,
                tenant_id=slack_tenant,
                team_id=fake.team_id,
                users=fake.users,
            )
            token = f"xoxb-{secrets.token_hex(8)}"
            fake.tokens[token] = fake.team_id
            cipher = TokenCipher(base64.b64decode(keys["DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY"]))
            await _install_workspace(delivery_url, cipher, fake, token, slack_tenant, key)

            common = {**os.environ, **keys, "SOKET_LOG_LEVEL": "WARNING"}
            assessments_environment = {
                **common,
                "ASSESSMENTS_DATABASE_URL": assessments_url,
                "ASSESSMENTS_RABBITMQ_URL": broker_url,
                "ASSESSMENTS_PUBLIC_BASE_URL": PUBLIC_BASE_URL,
                "ASSESSMENTS_SCHEDULER__POLL_SECONDS": str(SCHEDULER_POLL_SECONDS),
            }
            delivery_environment = {
                **common,
                "DELIVERY_DATABASE_URL": delivery_url,
                "DELIVERY_RABBITMQ_URL": broker_url,
                "DELIVERY_SES__ENDPOINT_URL": endpoint,
                "DELIVERY_SES__ACCESS_KEY_ID": "testing",
                "DELIVERY_SES__SECRET_ACCESS_KEY": "testing",
                "DELIVERY_SES__MAX_SEND_RATE": "100000",
                "DELIVERY_SES__CONCURRENCY": str(CONCURRENCY),
                "DELIVERY_SLACK__CLIENT_ID": fake.client_id,
                "DELIVERY_SLACK__API_BASE_URL": fake.base_url,
                "DELIVERY_SLACK__CONCURRENCY": str(CONCURRENCY),
            }
            await processes.start("assessments.relay", assessments_environment)
            await _declare_delivery_queues(broker_url)
            await processes.start("delivery.worker", delivery_environment)
            await processes.start("delivery.sender", delivery_environment)
            await processes.start("assessments.scheduler", assessments_environment)

            pipeline_ses = await run_leg(
                "scheduler → relay → delivery → moto SES",
                assessments_settings,
                delivery_url,
                processes,
                tenant_id=email_tenant,
                group_id=email_group,
                channel=Channel.EMAIL,
                expected=recipients,
            )
            print(pipeline_ses.describe())
            pipeline_slack = await run_leg(
                "scheduler → relay → delivery → fake Slack",
                assessments_settings,
                delivery_url,
                processes,
                tenant_id=slack_tenant,
                group_id=slack_group,
                channel=Channel.SLACK,
                expected=recipients,
            )
            print(pipeline_slack.describe())
            if len(fake.posted) != recipients * 2 or fake.open_calls != recipients * 2:
                raise RuntimeError(
                    f"the fake got {len(fake.posted)} posts and {fake.open_calls} DM opens "
                    f"for {recipients:,} people twice (direct, pipeline)"
                )

        for label, pipeline, direct in (
            ("email", pipeline_ses, direct_ses),
            ("slack", pipeline_slack, direct_slack),
        ):
            ratio = pipeline.per_second / direct.per_second
            verdict = "meets" if ratio >= TARGET_RATIO else "misses"
            print(
                f"{label}: pipeline / direct = {ratio:.2f} ({verdict} the {TARGET_RATIO}x target)"
            )
    finally:
        processes.stop()
        moto.terminate()
        moto.wait(timeout=10)
        for url in (delivery_url, assessments_url):
            await drop_database(url)
        if has_vhost:
            delete_vhost(vhost)
