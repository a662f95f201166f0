"""Privacy policy versions end to end (Q13), every service running on the real database and
broker: the privacy officer publishes a version 40 days ahead; every client representative
(two clients' admins and a user who joined by invitation) gets exactly one POLICY_CHANGE email,
someone invited who never joined gets none, and neither a settle nor the same notice asked
for again (a retry that escaped every inbox) mails anyone twice. The public page shows the
version; a representative accepts it and the officer sees the count."""

import asyncio
import secrets
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chassis.database import Database
from chassis.messaging.outbox import publish
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import AllClientRepresentatives, PrivacyNotificationRequested
from privacy.policies.announcement import announcement_id
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import (
    PASSWORD,
    ClientAdmin,
    RunningSystem,
    Staff,
    link_token,
    module_system,
)


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="policies")


async def invite(admin: ClientAdmin, email: str) -> str:
    """Invites a viewer into the admin's client; returns the invitation's token."""
    sent_before = len(await admin.system.emails())
    await admin.call(
        "POST", "accounts", "/users", json={"email": email, "role": "viewer"}, expect=201
    )
    mail = await admin.system.email_to(email, after=sent_before)
    return link_token(mail)


async def joined_by_invitation(admin: ClientAdmin, email: str) -> Staff:
    token = await invite(admin, email)
    async with admin.system.http("accounts") as accounts:
        accepted = await accounts.post(
            "/auth/invitations/accept",
            json={"token": token, "name": "Invited Viewer", "password": PASSWORD},
        )
        assert accepted.status_code == 204, accepted.text
    user = Staff(system=admin.system, email=email)
    await user.log_in()
    return user


async def policy_mails(system: RunningSystem, label: str) -> dict[str, int]:
    """How many emails announcing ``label`` each address got."""
    counts: dict[str, int] = {}
    for sent in await system.emails():
        if f"/privacy-policy/{label}" in sent.text:
            for address in sent.to:
                counts[address] = counts.get(address, 0) + 1
    return counts


async def test_publishing_a_version_emails_each_client_representative_exactly_once_q13(
    system: RunningSystem,
) -> None:
    tag = secrets.token_hex(4)
    first = await system.sign_up_client(email=f"first.{tag}@example.ee", organisation="Esimene OÜ")
    second = await system.sign_up_client(email=f"second.{tag}@example.ee", organisation="Teine OÜ")
    viewer = await joined_by_invitation(first, f"viewer.{tag}@example.ee")
    never_joined = f"pending.{tag}@example.ee"
    await invite(second, never_joined)
    officer = await system.privacy_officer(email=f"officer.{tag}@soket.ee")
    representatives = {first.email, second.email, viewer.email}

    label = f"e2e-{tag}"
    effective_on = (datetime.now(UTC) + timedelta(days=40)).date().isoformat()
    too_soon = (datetime.now(UTC) + timedelta(days=10)).date().isoformat()
    body: dict[str, Any] = {
        "label": label,
        "effective_on": effective_on,
        "summary": "Policy versions are announced 30 days ahead.",
        "text_et": "Uus privaatsuspoliitika.",
        "text_en": "The new privacy policy.",
    }
    refused = await officer.call(
        "POST", "privacy", "/policies", json={**body, "effective_on": too_soon}
    )
    assert refused.status_code == 422, refused.text
    published = await officer.call("POST", "privacy", "/policies", json=body, expect=201)
    version = published.json()

    async def everyone_mailed() -> bool:
        return set(await policy_mails(system, label)) >= representatives

    deadline = asyncio.get_running_loop().time() + 90
    while not await everyone_mailed():
        assert asyncio.get_running_loop().time() < deadline, await policy_mails(system, label)
        await asyncio.sleep(0.5)
    await system.settle()
    mails = await policy_mails(system, label)
    assert mails == dict.fromkeys(representatives, 1), mails
    assert never_joined not in mails
    assert officer.email not in mails

    # A retry that escaped every inbox: the same notice asked for again under a new message id.
    again = await officer.call("POST", "privacy", "/policies", json=body)
    assert again.status_code == 409
    database = Database(
        system.database_url("privacy").replace("postgresql://", "postgresql+asyncpg://", 1),
        pool_size=1,
    )
    try:
        async with database.sessions() as session, session.begin():
            await publish(
                session,
                PrivacyNotificationRequested(
                    notice_id=announcement_id(UUID(version["id"])),
                    tenant_id=None,
                    template=NoticeTemplate.POLICY_CHANGE,
                    address=AllClientRepresentatives(group="all_client_representatives"),
                    language=None,
                    parameters={
                        "effective_on": effective_on,
                        "link": f"https://localhost:8443/privacy-policy/{label}",
                    },
                ),
            )
    finally:
        await database.dispose()
    await system.settle()
    await asyncio.sleep(2)
    await system.settle()
    assert await policy_mails(system, label) == dict.fromkeys(representatives, 1)

    async with system.http("privacy") as public:
        page = (await public.get("/public/policies")).json()
    upcoming = {item["label"]: item for item in page["upcoming"]}
    assert upcoming[label]["text_en"] == "The new privacy policy."
    assert upcoming[label]["effective_on"] == effective_on

    accepted = await viewer.call(
        "POST", "privacy", "/me/policy-acceptances", json={"label": label}, expect=201
    )
    assert accepted.json()["tenant_id"] == str(first.tenant_id)
    counted = await officer.call("GET", "privacy", f"/policies/{version['id']}", expect=200)
    assert counted.json()["acceptances"] == 1
