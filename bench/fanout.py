"""Dispatches per second through events → delivery (worker, sender) → the provider emulators,
beside the same emulators fed directly (boto3 for moto's SES, slack-sdk for the fake Slack)
at the same concurrency, measured in the same run.

The pipeline leg publishes ``assessments.dispatch.requested.v1`` events to the broker, as
assessments' relay would; the scheduler that makes them is not part of this measurement yet.
Delivery's worker and sender run as their own processes on a scratch database and vhost. Email:
the dispatches wait in delivery's queue (a scheduler's burst) and the clock runs from starting
the worker to the last message marked *sent*. Slack: the clock runs from the first event
published to the last message sent.
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
from slack_sdk.web.async_client import AsyncWebClient

from chassis.database import plain_dsn
from chassis.messaging.topology import declare, subscription_topology
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.privacy.keys import generate_development_keys
from chassis.privacy.subject_ref import subject_ref
from chassis.settings import MessagingOptions, async_database_url
from chassis.testing.processes import free_port
from contracts.envelope import Envelope
from contracts.events.assessments import (
    DispatchContacts,
    DispatchKind,
    DispatchRequested,
    QuestionKind,
    RenderedOption,
    RenderedQuestion,
)
from contracts.vocabulary import Language, SlackUser
from delivery.email.composer import EmailComposer
from delivery.email.rendering import EmailRenderer
from delivery.email.ses import ses_client
from delivery.settings import SesSettings
from delivery.slack.blocks import question_message
from delivery.slack.crypto import TokenCipher
from delivery.subscriptions import delivery_subscriptions
from delivery.testing.broker import publish_envelopes
from delivery.testing.fake_slack import FakeSlack, FakeUser
from delivery.testing.moto_ses import prepare_sending_identity, start_moto
from soket_cli.infrastructure import create_vhost, delete_vhost
from soket_cli.layout import service_dir

CONCURRENCY = 16
SLACK_SHARE = 0.2
"""Slack is measured on a fifth of the recipients (each gets a DM opened, then a message)."""
TARGET_RATIO = 0.8


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


def _dispatch(
    key: bytes, tenant_id: UUID, number: int, *, slack: SlackUser | None
) -> DispatchRequested:
    email = f"bench{number}@example.com"
    return DispatchRequested(
        dispatch_id=uuid4(),
        tenant_id=tenant_id,
        assessment_id=tenant_id,
        kind=DispatchKind.DAILY_QUESTION,
        subject_ref=subject_ref(key, tenant_id=tenant_id, email=email),
        language=Language.ENGLISH,
        contacts=DispatchContacts(email=email, slack=slack),
        email_fallback=False,
        title="Security basics",
        question=RenderedQuestion(
            question_id=tenant_id,
            kind=QuestionKind.SINGLE_CHOICE,
            text="Which password is strongest?",
            options=[RenderedOption(option_id=uuid4(), label=f"Option {n}") for n in (1, 2, 3)],
        ),
        answer_url=f"https://soket.test/a/{secrets.token_urlsafe(16)}",
        answer_by=datetime.now(UTC) + timedelta(days=1),
    )


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
    client = AsyncWebClient(token=token, base_url=fake.base_url, retry_handlers=[])
    slots = asyncio.Semaphore(CONCURRENCY)
    content: dict[str, Any] = {
        "language": "en",
        "title": "Security basics",
        "question": {
            "kind": "single_choice",
            "text": "Which password is strongest?",
            "options": [{"option_id": str(uuid4()), "label": f"Option {n}"} for n in (1, 2, 3)],
        },
        "answer_url": "https://soket.test/a/x",
    }

    async def send(user: FakeUser) -> None:
        async with slots:
            opened = await client.conversations_open(users=user.id)
            text, blocks = question_message(dispatch_id=uuid4(), content=content)
            await client.chat_postMessage(channel=opened["channel"]["id"], text=text, blocks=blocks)

    started = time.perf_counter()
    await asyncio.gather(*(send(user) for user in users))
    return Leg("direct slack-sdk → fake Slack", len(users), time.perf_counter() - started)


async def _wait_sent(database_url: str, tenant_id: UUID, expected: int, started: float) -> float:
    """Seconds until every message is sent; prints when the last one was queued."""
    connection = await asyncpg.connect(plain_dsn(database_url))
    queued_at = None
    try:
        while True:
            queued, sent = await connection.fetchrow(
                "SELECT count(*), count(*) FILTER (WHERE state = 'sent') FROM message"
                " WHERE tenant_id = $1",
                tenant_id,
            )
            if queued_at is None and queued >= expected:
                queued_at = time.perf_counter() - started
                print(f"  (all {expected:,} queued by the worker after {queued_at:.1f} s)")
            if sent >= expected:
                return time.perf_counter() - started
            if time.perf_counter() - started > 1800:
                raise RuntimeError(f"only {sent} of {expected} sent after 30 min")
            await asyncio.sleep(0.2)
    finally:
        await connection.close()


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


async def run(postgres_url: str, rabbitmq_url: str, *, events: int) -> None:
    recipients = events
    slack_recipients = max(1, int(recipients * SLACK_SHARE))
    keys = generate_development_keys()
    key = base64.b64decode(keys["SUBJECT_REF_KEY"])
    vhost = f"soket_bench_fanout_{secrets.token_hex(3)}"
    has_vhost = create_vhost(vhost, user=urlsplit(rabbitmq_url).username or "guest")
    broker_url = _with_vhost(rabbitmq_url, vhost) if has_vhost else rabbitmq_url
    database_url = async_database_url(postgres_url, f"soket_bench_fanout_{secrets.token_hex(3)}")
    moto_port = free_port()
    moto = await asyncio.to_thread(start_moto, moto_port)
    endpoint = f"http://127.0.0.1:{moto_port}"
    processes: list[subprocess.Popen[bytes]] = []
    fake = FakeSlack(team_id="T0BENCH01", seconds_per_message=0.0)
    fake.users = [
        FakeUser(id=f"U{n:08d}", email=f"slack{n}@example.com", real_name=f"Person {n}")
        for n in range(slack_recipients)
    ]
    try:
        await asyncio.to_thread(prepare_sending_identity, endpoint)
        await create_database_if_missing(database_url)
        await asyncio.to_thread(upgrade, service_dir("delivery"), database_url)
        print(
            f"fanout: {recipients:,} email recipients, {slack_recipients:,} Slack recipients, "
            f"concurrency {CONCURRENCY}"
        )

        composer = EmailComposer(
            renderer=EmailRenderer(),
            from_address="Soket <noreply@soket.ee>",
            public_base_url="https://soket.test",
            unsubscribe_key=secrets.token_bytes(32),
        )
        baseline_tenant = uuid4()
        raw_messages = []
        for number in range(recipients):
            data = _dispatch(key, baseline_tenant, number, slack=None)
            composed = composer.compose(
                message_id=uuid4(),
                kind="dispatch",
                tenant_id=baseline_tenant,
                subject_ref=data.subject_ref,
                content={
                    "template": "daily_question", "language": "en", "title": data.title,
                    "question": data.question.model_dump(mode="json") if data.question else None,
                    "answer_url": str(data.answer_url), "answer_by": data.answer_by.isoformat(),
                    "address": data.contacts.email,
                },
            )  # fmt: skip
            raw_messages.append((composed.to, composed.raw))
        direct_ses = await asyncio.to_thread(measure_direct_ses, endpoint, raw_messages)
        print(direct_ses.describe())

        async with fake.running():
            fake.codes["bench"] = fake.team_id
            baseline_token = f"xoxb-{secrets.token_hex(8)}"
            fake.tokens[baseline_token] = fake.team_id
            direct_slack = await measure_direct_slack(fake, baseline_token, fake.users)
            print(direct_slack.describe())
            fake.opened.clear()

            token = f"xoxb-{secrets.token_hex(8)}"
            fake.tokens[token] = fake.team_id
            cipher = TokenCipher(base64.b64decode(keys["DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY"]))
            slack_tenant = uuid4()
            await _install_workspace(database_url, cipher, fake, token, slack_tenant, key)

            folder = Path(tempfile.mkdtemp(prefix="soket-bench-fanout-"))
            environment = {
                **os.environ,
                **keys,
                "DELIVERY_DATABASE_URL": database_url,
                "DELIVERY_RABBITMQ_URL": broker_url,
                "DELIVERY_SES__ENDPOINT_URL": endpoint,
                "DELIVERY_SES__ACCESS_KEY_ID": "testing",
                "DELIVERY_SES__SECRET_ACCESS_KEY": "testing",
                "DELIVERY_SES__MAX_SEND_RATE": "100000",
                "DELIVERY_SES__CONCURRENCY": str(CONCURRENCY),
                "DELIVERY_SLACK__CLIENT_ID": fake.client_id,
                "DELIVERY_SLACK__API_BASE_URL": fake.base_url,
                "DELIVERY_SLACK__CONCURRENCY": str(CONCURRENCY),
                "DELIVERY_SENDER__POLL_SECONDS": "0.05",
                "SOKET_LOG_LEVEL": "WARNING",
            }
            sender_log, sender_port = folder / "sender.log", free_port()
            sender = _start(
                "delivery.sender", {**environment, "SOKET_PROBE_PORT": str(sender_port)}, sender_log
            )
            processes.append(sender)
            await asyncio.to_thread(_wait_ready, sender_port, sender, sender_log)

            # The dispatches wait in delivery's queue, as after a scheduler's burst; the clock
            # starts with the worker (its start-up counted against the pipeline).
            email_tenant = uuid4()
            await _declare_delivery_queues(broker_url)
            await publish_envelopes(
                broker_url,
                [
                    Envelope.wrap(_dispatch(key, email_tenant, number, slack=None))
                    for number in range(recipients)
                ],
                MessagingOptions(),
            )
            started = time.perf_counter()
            worker_log, worker_port = folder / "worker.log", free_port()
            worker = _start(
                "delivery.worker", {**environment, "SOKET_PROBE_PORT": str(worker_port)}, worker_log
            )
            processes.append(worker)
            seconds = await _wait_sent(database_url, email_tenant, recipients, started)
            pipeline_ses = Leg("events → delivery → moto SES", recipients, seconds)
            print(pipeline_ses.describe())

            slack_envelopes = [
                Envelope.wrap(
                    _dispatch(
                        key,
                        slack_tenant,
                        number,
                        slack=SlackUser(team_id=fake.team_id, user_id=user.id),
                    )
                )
                for number, user in enumerate(fake.users)
            ]
            started = time.perf_counter()
            await publish_envelopes(broker_url, slack_envelopes, MessagingOptions())
            seconds = await _wait_sent(database_url, slack_tenant, slack_recipients, started)
            pipeline_slack = Leg("events → delivery → fake Slack", slack_recipients, seconds)
            print(pipeline_slack.describe())

        for label, pipeline, direct in (
            ("email", pipeline_ses, direct_ses),
            ("slack", pipeline_slack, direct_slack),
        ):
            ratio = pipeline.per_second / direct.per_second
            verdict = "meets" if ratio >= TARGET_RATIO else "misses"
            print(
                f"{label}: pipeline / direct = {ratio:.2f} ({verdict} the {TARGET_RATIO}x target)"
            )
        print("(the scheduler leg is not included: events are published as assessments would)")
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        moto.terminate()
        moto.wait(timeout=10)
        await drop_database(database_url)
        if has_vhost:
            delete_vhost(vhost)
