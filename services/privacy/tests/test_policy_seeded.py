"""A fresh install has a privacy policy in force: migration 0015 seeds the product's own policy
(seeds/000) as version 2025-12, effective 2025-12-01, in Estonian as written and in English.
The seed emails no one (it is not a change, Q13), running it again changes nothing, and a
version the privacy officer publishes later supersedes it in the normal way.

Every test here runs on a privacy database of this module's own: "current" depends on every
version in the table."""

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from alembic import command
from sqlalchemy import text

from chassis.auth.principal import Role
from chassis.migrations import alembic_config, create_database_if_missing, drop_database
from chassis.migrations import upgrade as upgrade_to
from chassis.settings import async_database_url
from privacy.policies import seed
from soket_cli.layout import service_dir
from soket_cli.pytest_infrastructure import TestInfrastructure

from .conftest import FixedClock
from .scratch_support import Scratch, migrated_database, served

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
NOTICE_TYPE = "privacy.notification.requested.v1"
# Sentences of seeds/000 as the policy states them, and their translation.
SEED_SENTENCE_ET = (
    'Kliendiandmete säilitamisel lähtume "vähem on rohkem" põhimõtetest: me ei kogu ega '
    "hoiusta rohkem andmeid, kui seda on vaja teenuse pakkumiseks."
)
SEED_SENTENCE_EN = (
    'In keeping Client Data we follow the principle of "less is more": we do not collect or '
    "store more data than is needed to provide the service."
)


@pytest.fixture(scope="module")
async def scratch(infrastructure: TestInfrastructure) -> AsyncIterator[Scratch]:
    clock = FixedClock(START)
    async with migrated_database(infrastructure, "policy_seed") as url, served(url, clock) as app:
        yield app


@pytest.fixture
def fresh(scratch: Scratch) -> Scratch:
    scratch.clock.now = START
    return scratch


async def fetch(scratch: Scratch, query: str, **values: Any) -> list[Any]:
    async with scratch.database.sessions() as session, session.begin():
        return list((await session.execute(text(query), values)).all())


async def policy_notices(scratch: Scratch) -> list[dict[str, Any]]:
    rows = await fetch(
        scratch,
        "SELECT body FROM outbox_message WHERE event_type = :type ORDER BY position",
        type=NOTICE_TYPE,
    )
    return [
        body
        for body in (json.loads(row.body) for row in rows)
        if body["data"]["template"] == "policy_change"
    ]


async def test_a_fresh_database_shows_the_products_own_policy_in_force_q13(
    fresh: Scratch,
) -> None:
    """After the migrations alone, the public page has a current version: the seed's, with the
    policy's Estonian text (Markdown headings and lists) and its English translation."""
    page = await fresh.client.get("/public/policies")  # no sign-in
    assert page.status_code == 200, page.text
    body = page.json()
    current = body["current"]
    assert current is not None
    assert (current["label"], current["effective_on"]) == ("2025-12", "2025-12-01")
    assert current["effective_at"] == "2025-11-30T22:00:00Z"  # midnight in Tallinn
    assert SEED_SENTENCE_ET in current["text_et"]
    assert "## Kliendi õigused" in current["text_et"]
    assert "- Kliendi esindaja e-posti aadress;" in current["text_et"]
    assert SEED_SENTENCE_EN in current["text_en"]
    assert (current["url_et"], current["url_en"]) == (None, None)
    assert current["summary"]
    assert body["upcoming"] == []


async def test_the_seed_emails_no_one_q13(fresh: Scratch) -> None:
    """Seeding is not a change of policy: no announcement to client representatives."""
    assert await policy_notices(fresh) == []
    outbox = await fetch(fresh, "SELECT event_type FROM outbox_message")
    assert [row.event_type for row in outbox if row.event_type == NOTICE_TYPE] == []


async def test_the_data_protection_contact_and_the_authority_are_public_q17(
    fresh: Scratch,
) -> None:
    """Q17: beside the policy, the public register names whom to ask (the data-protection
    contact) and where to complain (the supervisory authority, AKI)."""
    register = await fresh.client.get("/public/register")  # no sign-in
    assert register.status_code == 200, register.text
    body = register.json()
    assert "@" in body["data_protection_contact"]
    assert "AKI" in body["supervisory_authority"]
    assert body["supervisory_authority"] in body["right_to_complain"]


async def test_seeding_again_changes_nothing(fresh: Scratch) -> None:
    async with fresh.database.sessions() as session, session.begin():
        result = await session.execute(seed.seed_statement())
    assert getattr(result, "rowcount", None) == 0
    rows = await fetch(fresh, "SELECT label FROM policy_version")
    assert [row.label for row in rows] == ["2025-12"]


async def test_a_version_published_later_supersedes_the_seed_and_is_announced_q13(
    fresh: Scratch,
) -> None:
    officer = fresh.tokens.headers(
        tenant_id=None, roles=frozenset({Role.PRIVACY_OFFICER}), user_id=uuid.uuid4()
    )
    published = await fresh.client.post(
        "/policies",
        json={
            "label": "2027-01",
            "effective_on": "2027-01-01",
            "summary": "Clearer retention periods.",
            "text_et": "Uus privaatsuspoliitika.",
            "text_en": "The new privacy policy.",
        },
        headers=officer,
    )
    assert published.status_code == 201, published.text
    assert len(await policy_notices(fresh)) == 1  # the published version's, not the seed's
    before = (await fresh.client.get("/public/policies")).json()
    assert before["current"]["label"] == "2025-12"
    assert [version["label"] for version in before["upcoming"]] == ["2027-01"]

    fresh.clock.now = datetime(2027, 1, 2, 9, 0, tzinfo=UTC)
    after = (await fresh.client.get("/public/policies")).json()
    assert after["current"]["label"] == "2027-01"
    listed = await fresh.client.get("/policies", params={"page_size": 50}, headers=officer)
    statuses = {item["label"]: item["status"] for item in listed.json()["items"]}
    assert statuses == {"2027-01": "current", "2025-12": "superseded"}
    reused = await fresh.client.post(
        "/policies",
        json={
            "label": "2025-12",
            "effective_on": "2027-03-01",
            "summary": "Same label.",
            "text_et": "Tekst.",
            "url_en": "https://soket.ee/en",
        },
        headers=officer,
    )
    assert reused.status_code == 409


def test_downgrading_and_upgrading_again_leaves_one_seeded_version(
    infrastructure: TestInfrastructure,
) -> None:
    url = async_database_url(
        infrastructure.postgres_url,
        f"{infrastructure.database_prefix}privacy_policy_reseed_{os.getpid()}",
    )
    asyncio.run(drop_database(url))
    asyncio.run(create_database_if_missing(url))
    folder = service_dir("privacy")
    try:
        upgrade_to(folder, url)
        command.downgrade(alembic_config(folder, url), "0014")
        assert asyncio.run(_labels(url)) == []
        upgrade_to(folder, url)
        upgrade_to(folder, url)
        assert asyncio.run(_labels(url)) == ["2025-12"]
    finally:
        asyncio.run(drop_database(url))


async def _labels(url: str) -> list[str]:
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return [row["label"] for row in await connection.fetch("SELECT label FROM policy_version")]
    finally:
        await connection.close()
