"""What the assessments tests share: a settable clock, a test client, API shortcuts."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.messaging.tables import outbox_message
from chassis.testing.auth import TestTokens
from contracts.envelope import parse_envelope


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Tenant:
    """A client of its own for one test, and headers for each of its roles."""

    id: uuid.UUID
    tokens: TestTokens

    def headers(self, role: Role = Role.ADMIN) -> dict[str, str]:
        return self.tokens.headers(tenant_id=self.id, roles={role})


async def outbox_events(
    database: Database, event_type: str, *, tenant_id: uuid.UUID | None = None
) -> list[Any]:
    """The outbox's events of one type (of one client), oldest first."""
    async with database.sessions() as session:
        statement = select(outbox_message.c.body).where(outbox_message.c.event_type == event_type)
        if tenant_id is not None:
            statement = statement.where(outbox_message.c.tenant_id == tenant_id)
        bodies = await session.scalars(statement.order_by(outbox_message.c.position))
        return [parse_envelope(body) for body in bodies]


async def make_participant(
    client: httpx.AsyncClient,
    tenant: Tenant,
    *,
    name: str = "Mari Maasikas",
    email: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    response = await client.post(
        "/participants",
        json={"name": name, "email": email or f"{uuid.uuid4().hex[:10]}@example.ee", **extra},
        headers=tenant.headers(),
    )
    assert response.status_code == 201, response.text
    return response.json()


async def make_question(
    client: httpx.AsyncClient,
    tenant: Tenant,
    *,
    kind: str = "single_choice",
    text: str = "Mis on Eesti pealinn?",
    options: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    if options is None and kind in ("single_choice", "multiple_choice"):
        options = [
            {"label": "Tallinn", "correct": True},
            {"label": "Tartu"},
            {"label": "Pärnu"},
        ]
    body = {"kind": kind, "text": text, "options": options or [], "topics": ["geograafia"], **extra}
    response = await client.post("/questions", json=body, headers=tenant.headers())
    assert response.status_code == 201, response.text
    return response.json()


async def make_quiz(
    client: httpx.AsyncClient,
    tenant: Tenant,
    *,
    question_ids: list[str],
    participant_ids: list[str] = (),  # type: ignore[assignment]
    group_ids: list[str] = (),  # type: ignore[assignment]
    opens_at: datetime,
    publish: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "kind": "quiz",
        "title": "Teadmiste test",
        "question_ids": question_ids,
        "participant_ids": list(participant_ids),
        "group_ids": list(group_ids),
        "channels": ["email"],
        "opens_at": opens_at.isoformat(),
        "closes_at": (opens_at + timedelta(days=7)).isoformat(),
        **extra,
    }
    response = await client.post("/assessments", json=body, headers=tenant.headers())
    assert response.status_code == 201, response.text
    assessment = response.json()
    if publish:
        published = await client.post(
            f"/assessments/{assessment['id']}/publish", headers=tenant.headers()
        )
        assert published.status_code == 200, published.text
        assessment = published.json()
    return assessment


async def issued_links(database: Database, tenant_id: uuid.UUID) -> dict[str, str]:
    """subject_ref → the newest answer URL delivery was asked to send them."""
    from contracts.events.assessments import DISPATCH_REQUESTED

    links: dict[str, str] = {}
    for envelope in await outbox_events(database, DISPATCH_REQUESTED, tenant_id=tenant_id):
        links[envelope.data.subject_ref] = str(envelope.data.answer_url)
    return links


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]
