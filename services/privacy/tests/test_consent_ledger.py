"""The consent ledger (Q2, Q16): a client user's grant is kept with its proof (when, how, which
policy version, the text shown), history is append-only and read by privacy officers (audited,
paginated), and every change goes to delivery in the same transaction as the entry."""

from datetime import timedelta
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from chassis.database import Database
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref
from chassis.testing.auth import TestTokens
from contracts.envelope import Envelope
from contracts.events.accounts import UserUpdated
from contracts.vocabulary import ClientRole, Service
from privacy.audit.models import AuditEntry
from privacy.consent.handlers import know_client_user
from privacy.consent.models import ConsentEntry
from privacy.policies.models import PolicyVersion
from privacy.settings import Settings

from .conftest import FixedClock
from .consent_support import WORDING, ClientUser, changes_of, grant, officer


async def test_q16_a_grant_is_kept_with_its_proof_and_told_to_delivery(
    client: httpx.AsyncClient, database: Database, clock: FixedClock, client_user: ClientUser
) -> None:
    before = (await client.get("/me/consents", headers=client_user.headers)).json()
    assert before["items"] == [
        {
            "purpose": "product_news",
            "granted": False,
            "standing": "not_given",
            "since": None,
            "policy_version": None,
        }
    ]

    granted = await grant(client, client_user)

    assert granted.status_code == 201, granted.text
    assert granted.json()["standing"] == "granted"
    async with database.sessions() as session:
        [entry] = await session.scalars(
            select(ConsentEntry).where(ConsentEntry.tenant_id == client_user.tenant_id)
        )
    assert (entry.subject_ref, entry.purpose, entry.granted) == (
        client_user.subject_ref,
        "product_news",
        True,
    )
    assert (entry.at, entry.channel, entry.policy_version) == (clock.now, "web_app", "2026-11")
    assert (entry.wording, entry.actor_id) == (WORDING, client_user.user_id)
    assert await changes_of(database, client_user.tenant_id) == [(client_user.subject_ref, True)]
    mine = (await client.get("/me/consents", headers=client_user.headers)).json()["items"]
    assert [(item["standing"], item["policy_version"]) for item in mine] == [("granted", "2026-11")]


async def test_q2_history_is_kept_and_the_latest_entry_is_the_state_officers_see_it_audited(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    clock: FixedClock,
    client_user: ClientUser,
) -> None:
    assert (await grant(client, client_user, policy_version="2026-10")).status_code == 201
    clock.advance(days=3)
    withdrawn = await client.post(
        "/me/consents/product_news/withdrawal", headers=client_user.headers
    )
    assert withdrawn.status_code == 201, withdrawn.text
    clock.advance(days=2)
    assert (await grant(client, client_user, policy_version="2026-11")).status_code == 201

    first = await client.get(
        "/consents",
        params={"user_id": str(client_user.user_id), "page_size": 2},
        headers=officer(tokens),
    )
    second = await client.get(
        "/consents",
        params={
            "tenant_id": str(client_user.tenant_id),
            "subject_ref": client_user.subject_ref,
            "page": 2,
            "page_size": 2,
        },
        headers=officer(tokens),
    )

    assert first.status_code == 200, first.text
    page_one, page_two = first.json(), second.json()
    assert page_one["total"] == page_two["total"] == 3
    history = page_one["items"] + page_two["items"]
    assert [(e["action"], e["granted"], e["policy_version"]) for e in history] == [
        ("grant", True, "2026-11"),
        ("withdrawal", False, "2025-12"),  # the seeded policy, in force since then
        ("grant", True, "2026-10"),
    ]
    assert history[1]["channel"] == "request"
    assert history[1]["request_id"] == withdrawn.json()["request_id"]
    assert page_one["current"][0]["standing"] == "granted"
    assert await changes_of(database, client_user.tenant_id) == [
        (client_user.subject_ref, True),
        (client_user.subject_ref, False),
        (client_user.subject_ref, True),
    ]
    async with database.sessions() as session:
        viewed = list(
            await session.scalars(
                select(AuditEntry).where(AuditEntry.action == "consent.history_viewed")
            )
        )
    mine = [row for row in viewed if row.details["tenant_id"] == str(client_user.tenant_id)]
    assert [row.details["page"] for row in mine] == [1, 2]
    assert all(row.actor == "privacy_officer" for row in mine)


async def test_q16_the_ledger_is_append_only(
    database: Database, consenting_user: ClientUser
) -> None:
    with pytest.raises(DBAPIError, match="append-only"):
        async with database.sessions() as session, session.begin():
            await session.execute(
                text("UPDATE consent_entry SET granted = false WHERE tenant_id = :tenant"),
                {"tenant": consenting_user.tenant_id},
            )


async def test_q2_a_changed_address_moves_the_history_and_the_grant_with_the_person(
    client: httpx.AsyncClient, database: Database, settings: Settings, consenting_user: ClientUser
) -> None:
    new_ref = subject_ref(
        subject_ref_key(settings), tenant_id=consenting_user.tenant_id, email="moved@example.ee"
    )
    updated = UserUpdated(
        tenant_id=consenting_user.tenant_id,
        user_id=consenting_user.user_id,
        subject_ref=new_ref,
        role=ClientRole.ADMIN,
    )
    async with database.sessions() as session, session.begin():
        await know_client_user(session, Envelope.wrap(updated, source=Service.ACCOUNTS))

    async with database.sessions() as session:
        refs = set(
            await session.scalars(
                select(ConsentEntry.subject_ref).where(
                    ConsentEntry.tenant_id == consenting_user.tenant_id
                )
            )
        )
    assert refs == {new_ref}
    assert (await changes_of(database, consenting_user.tenant_id))[1:] == [
        (new_ref, True),
        (consenting_user.subject_ref, False),
    ]
    mine = (await client.get("/me/consents", headers=consenting_user.headers)).json()["items"]
    assert mine[0]["standing"] == "granted"


async def test_bad_consent_input_is_a_4xx_and_writes_nothing(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    settings: Settings,
    client_user: ClientUser,
) -> None:
    stranger = ClientUser(settings, tokens)
    assert (await grant(client, stranger)).status_code == 409
    assert (await grant(client, client_user, wording="  ")).status_code == 422
    assert (await grant(client, client_user, channel="request")).status_code == 422
    unknown = await client.post(
        "/me/consents/horoscopes", json={"wording": WORDING}, headers=client_user.headers
    )
    assert unknown.status_code == 422
    assert (await client.get("/consents", headers=client_user.headers)).status_code == 403
    nobody = await client.get("/consents", headers=officer(tokens))
    assert nobody.status_code == 422
    both = await client.get(
        "/consents",
        params={"user_id": str(client_user.user_id), "tenant_id": str(client_user.tenant_id)},
        headers=officer(tokens),
    )
    assert both.status_code == 422
    assert await changes_of(database, client_user.tenant_id) == []


async def test_q16_a_grant_naming_no_policy_version_records_the_one_in_effect(
    client: httpx.AsyncClient, database: Database, clock: FixedClock, client_user: ClientUser
) -> None:
    label = f"t-{uuid4().hex[:8]}"
    async with database.sessions() as session, session.begin():
        session.add(
            PolicyVersion(
                label=label,
                effective_on=(clock.now - timedelta(days=1)).date(),
                effective_at=clock.now - timedelta(days=1),
                summary="In effect",
                text_en="Policy",
                published_at=clock.now - timedelta(days=40),
                published_by=uuid4(),
            )
        )

    granted = await client.post(
        "/me/consents/product_news",
        json={"wording": WORDING, "channel": "web_app"},
        headers=client_user.headers,
    )

    assert granted.status_code == 201, granted.text
    async with database.sessions() as session:
        [entry] = await session.scalars(
            select(ConsentEntry).where(ConsentEntry.tenant_id == client_user.tenant_id)
        )
    assert entry.policy_version == label
