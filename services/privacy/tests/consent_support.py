"""Client users privacy knows of, their consent and what it tells delivery (Q2, Q3, Q16)."""

from uuid import UUID, uuid4

import httpx
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.envelope import Envelope
from contracts.events.accounts import UserCreated
from contracts.events.privacy import CONSENT_CHANGED, ConsentChanged
from contracts.vocabulary import ClientRole, Service
from privacy.consent.handlers import know_client_user
from privacy.consent.models import ConsentEntry
from privacy.settings import Settings

WORDING = "Yes, send me Soket's product news by email. I can withdraw this at any time."


class ClientUser:
    """A client user privacy learned of from ``accounts.user.created.v1``."""

    def __init__(self, settings: Settings, tokens: TestTokens, email: str | None = None) -> None:
        self.tenant_id = uuid4()
        self.user_id = uuid4()
        self.email = email or f"{uuid4().hex[:10]}@example.ee"
        self.subject_ref = subject_ref(
            subject_ref_key(settings), tenant_id=self.tenant_id, email=self.email
        )
        self.headers = tokens.headers(
            tenant_id=self.tenant_id, roles={Role.VIEWER}, user_id=self.user_id
        )

    def created(self) -> Envelope[UserCreated]:
        data = UserCreated(
            tenant_id=self.tenant_id,
            user_id=self.user_id,
            subject_ref=self.subject_ref,
            role=ClientRole.VIEWER,
        )
        return Envelope.wrap(data, source=Service.ACCOUNTS)


async def known_user(
    database: Database, settings: Settings, tokens: TestTokens, email: str | None = None
) -> ClientUser:
    user = ClientUser(settings, tokens, email)
    async with database.sessions() as session, session.begin():
        await know_client_user(session, user.created())
    return user


def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})


async def grant(client: httpx.AsyncClient, user: ClientUser, **body: str) -> httpx.Response:
    return await client.post(
        "/me/consents/product_news",
        json={"wording": WORDING, "policy_version": "2026-11", "channel": "web_app", **body},
        headers=user.headers,
    )


async def entries_of(database: Database, tenant_id: UUID) -> list[ConsentEntry]:
    """The client's consent ledger, oldest entry first."""
    async with database.sessions() as session:
        rows = await session.scalars(
            select(ConsentEntry)
            .where(ConsentEntry.tenant_id == tenant_id)
            .order_by(ConsentEntry.at, ConsentEntry.id)
        )
        return list(rows)


async def changes_of(database: Database, tenant_id: UUID) -> list[tuple[str, bool]]:
    """(subject_ref, granted) of each ``privacy.consent.changed.v1`` about the client, in order."""
    found = []
    for envelope in await outbox(database, CONSENT_CHANGED):
        data = envelope.data
        assert isinstance(data, ConsentChanged)
        if data.tenant_id == tenant_id:
            found.append((data.subject_ref, data.granted))
    return found
