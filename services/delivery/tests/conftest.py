"""Delivery against real PostgreSQL and RabbitMQ, and moto's server standing in for SES."""

import json
import secrets
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select, text

from chassis.database import Database
from chassis.messaging.tables import outbox_message
from chassis.testing.auth import TestTokens
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
from delivery.email.channel import EmailChannel
from delivery.email.composer import EmailComposer
from delivery.email.rendering import EmailRenderer
from delivery.email.ses import SesTransport
from delivery.keys import DeliveryKeys
from delivery.main import create_app
from delivery.messages.models import Message
from delivery.settings import Settings
from delivery.testing.fake_slack import FakeSlack, FakeUser
from delivery.testing.moto_ses import prepare_sending_identity, start_moto
from soket_cli.pytest_infrastructure import TestInfrastructure

from .slack_support import SIGNING_SECRET
from .sns_signing import SnsSigner, TestCertificates

SLACK_MEMBERS = 420
"""More than one ``users.list`` page."""


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    port = free_port()
    process = start_moto(port)
    url = f"http://127.0.0.1:{port}"
    try:
        prepare_sending_identity(url)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """A fresh fake Slack workspace per test (its own team id), with full member profiles."""
    team = "T" + uuid4().hex[:8].upper()
    fake = FakeSlack(team_id=team, seconds_per_message=0.0)
    fake.users = [
        FakeUser(
            id=f"U{team[1:5]}{number:05d}",
            email=unique_address(f"member{number}"),
            real_name=f"Mari Maasikas{number}",
            title=f"Chief Tester {number}",
            phone=f"+372 5{number:07d}",
            tz="Pacific/Auckland",
        )
        for number in range(SLACK_MEMBERS)
    ]
    fake.users[3].deleted = True
    fake.users[4].is_bot = True
    async with fake.running() as base_url:
        fake.base_url = base_url
        yield fake


@pytest.fixture
def settings(
    infrastructure: TestInfrastructure,
    moto_url: str,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
) -> Settings:
    environment = {
        "DELIVERY_SLACK__CLIENT_ID": fake_slack.client_id,
        "DELIVERY_SLACK__CLIENT_SECRET": fake_slack.client_secret,
        "DELIVERY_SLACK__SIGNING_SECRET": SIGNING_SECRET,
        "DELIVERY_SLACK__API_BASE_URL": fake_slack.base_url,
        "DELIVERY_SES__ENDPOINT_URL": moto_url,
        "DELIVERY_SES__ACCESS_KEY_ID": "testing",
        "DELIVERY_SES__SECRET_ACCESS_KEY": "testing",
        "DELIVERY_SES__MAX_SEND_RATE": "2000",
        "DELIVERY_SES__CONCURRENCY": "16",
        "DELIVERY_SES__THROTTLE_PAUSE_SECONDS": "0.01",
        "DELIVERY_SENDER__RETRY_DELAYS": "[0.05, 0.1, 0.2]",
        "DELIVERY_SENDER__POLL_SECONDS": "0.05",
        "DELIVERY_MESSAGING__RETRY_DELAYS": "[0.2, 0.4, 0.8]",
        "DELIVERY_PUBLIC_BASE_URL": "https://soket.test",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return Settings()


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.database_url, pool_size=8)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
def keys(settings: Settings) -> DeliveryKeys:
    return DeliveryKeys.from_settings(settings)


def email_channel(
    settings: Settings, keys: DeliveryKeys, *, endpoint_url: str | None = None
) -> EmailChannel:
    ses = settings.ses.model_copy(
        update={"endpoint_url": endpoint_url or settings.ses.endpoint_url}
    )
    return EmailChannel(
        transport=SesTransport(ses),
        throttle_pause_seconds=ses.throttle_pause_seconds,
        composer=EmailComposer(
            renderer=EmailRenderer(),
            from_address=ses.from_address,
            public_base_url=settings.public_base_url,
            unsubscribe_key=keys.unsubscribe_key,
        ),
    )


def unique_address(label: str = "person") -> str:
    return f"{label}.{secrets.token_hex(6)}@example.com"


def dispatch(
    keys: DeliveryKeys,
    *,
    tenant_id: UUID,
    email: str | None,
    assessment_id: UUID | None = None,
    slack: SlackUser | None = None,
    email_fallback: bool = False,
    language: Language = Language.ENGLISH,
    options: int = 3,
    dispatch_id: UUID | None = None,
) -> Envelope[DispatchRequested]:
    """A daily-question dispatch, wrapped as assessments' relay would publish it."""
    address = email or unique_address()
    data = DispatchRequested(
        dispatch_id=dispatch_id or uuid4(),
        tenant_id=tenant_id,
        assessment_id=assessment_id or uuid4(),
        kind=DispatchKind.DAILY_QUESTION,
        subject_ref=keys.subject_ref(tenant_id=tenant_id, email=address),
        language=language,
        contacts=DispatchContacts(email=email, slack=slack),
        email_fallback=email_fallback,
        title="Security basics",
        question=RenderedQuestion(
            question_id=uuid4(),
            kind=QuestionKind.SINGLE_CHOICE,
            text="Which password is strongest?",
            options=[
                RenderedOption(option_id=uuid4(), label=f"Option {number}")
                for number in range(1, options + 1)
            ],
        ),
        answer_url=f"https://soket.test/a/{secrets.token_urlsafe(16)}",  # type: ignore[arg-type]
        answer_by=datetime.now(UTC) + timedelta(days=1),
    )
    return Envelope.wrap(data)


async def messages_of_tenant(database: Database, tenant_id: UUID) -> list[Message]:
    async with database.sessions() as session:
        return list(
            (
                await session.scalars(
                    select(Message).where(Message.tenant_id == tenant_id).order_by(Message.id)
                )
            ).all()
        )


async def outbox_events(database: Database, event_type: str, tenant_id: UUID) -> list[dict]:
    """The bodies of the events of ``event_type`` delivery published for ``tenant_id``."""
    async with database.sessions() as session:
        bodies = await session.scalars(
            select(outbox_message.c.body)
            .where(
                outbox_message.c.event_type == event_type, outbox_message.c.tenant_id == tenant_id
            )
            .order_by(outbox_message.c.position)
        )
        return [json.loads(body) for body in bodies]


async def database_text(database: Database) -> str:
    """Every row of every table of delivery's database, as text."""
    async with database.sessions() as session:
        tables = await session.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        )
        dumped = []
        for table in list(tables):
            rows = await session.scalars(text(f'SELECT row_to_json(t)::text FROM "{table}" t'))
            dumped.extend(rows)
    return "\n".join(dumped)


def states(messages: list[Message]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for message in messages:
        counted[message.state] = counted.get(message.state, 0) + 1
    return counted


@dataclass
class Api:
    """The delivery API in process, with test tokens and the test's SNS certificates."""

    client: AsyncClient
    tokens: TestTokens
    signer: SnsSigner
    confirmed: list[str]


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[Api]:
    app = create_app(settings)
    tokens = TestTokens.install(app)
    signer = SnsSigner()
    app.state.sns_certificates = TestCertificates(signer)
    confirmed: list[str] = []

    async def confirm(url: str) -> None:
        confirmed.append(url)

    app.state.sns_confirmer = confirm
    async with (
        LifespanManager(app) as manager,
        AsyncClient(
            transport=ASGITransport(app=manager.app), base_url="https://soket.test"
        ) as client,
    ):
        yield Api(client=client, tokens=tokens, signer=signer, confirmed=confirmed)
