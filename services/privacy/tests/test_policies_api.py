"""Privacy policy versions (Q13): a version less than 30 days ahead is refused; publishing one
asks accounts, once and under an id derived from the version, to email every client
representative; a version can be withdrawn until it takes effect; the public page shows the
current and upcoming versions; a client user's acceptance is recorded and counted.

Every test here runs on a privacy database of this module's own: "current" and "upcoming"
depend on every version in the table."""

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from privacy.audit.models import AuditEntry
from privacy.policies.announcement import announcement_id
from soket_cli.pytest_infrastructure import TestInfrastructure

from .conftest import FixedClock
from .scratch_support import migrated_database, served

NOTICE_TYPE = "privacy.notification.requested.v1"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # 11:00 in Tallinn


class Scratch:
    def __init__(
        self, database: Database, client: httpx.AsyncClient, tokens: TestTokens, clock: FixedClock
    ) -> None:
        self.database = database
        self.client = client
        self.tokens = tokens
        self.clock = clock
        self.officer_id = uuid.uuid4()
        self.officer = tokens.headers(
            tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=self.officer_id
        )

    def client_user(
        self, *, tenant_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None
    ) -> dict[str, str]:
        return self.tokens.headers(
            tenant_id=tenant_id or uuid.uuid4(),
            roles={Role.VIEWER},
            user_id=user_id or uuid.uuid4(),
        )

    async def fetch(self, query: str, **values: Any) -> list[Any]:
        async with self.database.sessions() as session, session.begin():
            return list((await session.execute(text(query), values)).all())

    async def notices(self) -> list[dict[str, Any]]:
        rows = await self.fetch(
            "SELECT body FROM outbox_message WHERE event_type = :type ORDER BY position",
            type=NOTICE_TYPE,
        )
        return [json.loads(row.body) for row in rows]

    async def publish(self, **changes: Any) -> httpx.Response:
        return await self.client.post(
            "/policies", json=version_body(**changes), headers=self.officer
        )


@pytest.fixture(scope="module")
async def scratch(infrastructure: TestInfrastructure) -> AsyncIterator[Scratch]:
    clock = FixedClock(START)
    async with migrated_database(infrastructure, "policies") as url, served(url, clock) as running:
        yield Scratch(running.database, running.client, running.tokens, clock)


@pytest.fixture
def policies(scratch: Scratch) -> Scratch:
    scratch.clock.now = START
    return scratch


def version_body(**changes: Any) -> dict[str, Any]:
    return {
        "label": f"v-{uuid.uuid4().hex[:10]}",
        "effective_on": "2027-01-01",
        "summary": "Breach notices and policy acceptance added.",
        "text_et": "Privaatsuspoliitika tekst.",
        "url_en": "https://soket.ee/en/privacy-policy-2027-01",
        **changes,
    }


async def test_a_version_less_than_30_days_ahead_is_refused_and_nothing_is_written_q13(
    policies: Scratch,
) -> None:
    """At 2026-11-02 11:00 Tallinn time, 2026-12-02 starts 29 days 13 hours later: refused;
    2026-12-03 (30 days 13 hours) is the earliest date allowed."""
    notices_before = len(await policies.notices())
    audit_before = await policies.fetch("SELECT count(*) AS n FROM audit_entry")

    too_soon = await policies.publish(label="too-soon", effective_on="2026-12-02")
    assert too_soon.status_code == 422
    assert "at least 30 days" in too_soon.json()["detail"]
    assert "the earliest is 2026-12-03" in too_soon.json()["detail"]
    past = await policies.publish(label="past", effective_on="2026-10-01")
    assert past.status_code == 422

    assert len(await policies.notices()) == notices_before
    assert await policies.fetch("SELECT count(*) AS n FROM audit_entry") == audit_before
    assert await policies.fetch("SELECT label FROM policy_version WHERE label LIKE '%soon'") == []

    earliest = await policies.publish(label="earliest", effective_on="2026-12-03")
    assert earliest.status_code == 201, earliest.text
    assert earliest.json()["effective_at"] == "2026-12-02T22:00:00Z"


async def test_publishing_asks_for_one_announcement_to_every_client_representative_q13(
    policies: Scratch,
) -> None:
    """One group notice (POLICY_CHANGE to all client representatives; accounts expands it,
    delivery sends it) whose id derives from the version: a retry cannot ask for another."""
    before = len(await policies.notices())
    published = await policies.publish(label="2027-01", effective_on="2027-01-01")
    assert published.status_code == 201, published.text
    version = published.json()
    assert (version["status"], version["acceptances"]) == ("upcoming", 0)
    assert version["published_by"] == str(policies.officer_id)

    [notice] = (await policies.notices())[before:]
    assert notice["type"] == NOTICE_TYPE
    assert notice["data"]["notice_id"] == str(announcement_id(uuid.UUID(version["id"])))
    assert notice["data"]["template"] == "policy_change"
    assert notice["data"]["address"] == {"group": "all_client_representatives"}
    assert notice["data"]["language"] is None
    assert notice["data"]["parameters"] == {
        "effective_on": "2027-01-01",
        "link": "https://localhost:8443/privacy-policy/2027-01",
    }

    again = await policies.publish(label="2027-01", effective_on="2027-01-01")
    assert again.status_code == 409
    assert "already published" in again.json()["detail"]
    same_day = await policies.publish(effective_on="2027-01-01")
    assert same_day.status_code == 409
    assert "2027-01 already takes effect" in same_day.json()["detail"]
    assert len(await policies.notices()) == before + 1

    async with policies.database.sessions() as session, session.begin():
        entry = await session.scalar(
            select(AuditEntry)
            .where(AuditEntry.action == "policy.published")
            .order_by(AuditEntry.seq.desc())
        )
    assert entry is not None
    assert entry.actor_id == policies.officer_id
    assert entry.details["label"] == "2027-01"


@pytest.mark.parametrize(
    "changes",
    [
        {"text_et": None},  # Estonian neither as text nor as a link
        {"url_et": "https://soket.ee/et"},  # Estonian both ways
        {"url_en": "http://soket.ee/en"},  # not HTTPS
        {"label": "bad label!"},
        {"summary": ""},
        {"effective_on": "next month"},
        {"unknown": 1},
    ],
)
async def test_a_malformed_version_is_refused_with_422(
    policies: Scratch, changes: dict[str, Any]
) -> None:
    body = {k: v for k, v in version_body(**changes).items() if v is not None}
    refused = await policies.client.post("/policies", json=body, headers=policies.officer)
    assert refused.status_code == 422, refused.text


async def test_only_privacy_officers_publish_withdraw_and_list_q13(policies: Scratch) -> None:
    admin = policies.tokens.headers(tenant_id=uuid.uuid4(), roles={Role.ADMIN})
    body = version_body(effective_on="2027-02-01")
    assert (await policies.client.post("/policies", json=body, headers=admin)).status_code == 403
    assert (await policies.client.post("/policies", json=body)).status_code == 401
    assert (await policies.client.get("/policies", headers=admin)).status_code == 403
    withdrawal = await policies.client.post(
        f"/policies/{uuid.uuid4()}/withdrawal", json={"reason": "x"}, headers=admin
    )
    assert withdrawal.status_code == 403


async def test_a_version_can_be_withdrawn_until_it_takes_effect_q13(policies: Scratch) -> None:
    first = (await policies.publish(effective_on="2027-03-01")).json()
    second = (await policies.publish(effective_on="2027-03-02")).json()

    withdrawn = await policies.client.post(
        f"/policies/{first['id']}/withdrawal",
        json={"reason": "Legal review asked for changes."},
        headers=policies.officer,
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["withdrawal_reason"] == "Legal review asked for changes."
    twice = await policies.client.post(
        f"/policies/{first['id']}/withdrawal", json={"reason": "again"}, headers=policies.officer
    )
    assert twice.status_code == 409
    unknown = await policies.client.post(
        f"/policies/{uuid.uuid4()}/withdrawal", json={"reason": "x"}, headers=policies.officer
    )
    assert unknown.status_code == 404

    policies.clock.now = datetime(2027, 3, 2, 0, 0, tzinfo=UTC)  # 02:00 in Tallinn: in effect
    late = await policies.client.post(
        f"/policies/{second['id']}/withdrawal",
        json={"reason": "too late"},
        headers=policies.officer,
    )
    assert late.status_code == 409
    assert "took effect" in late.json()["detail"]

    # the withdrawn version's date is free again
    policies.clock.now = START
    reused = await policies.publish(effective_on="2027-03-01")
    assert reused.status_code == 201, reused.text


async def test_the_public_page_shows_the_current_and_upcoming_versions_with_texts_q13(
    policies: Scratch,
) -> None:
    policies.clock.now = datetime(2027, 5, 1, 9, 0, tzinfo=UTC)
    old = (await policies.publish(label="2027-07", effective_on="2027-07-01")).json()
    current = (await policies.publish(label="2027-08", effective_on="2027-08-01")).json()
    upcoming = (
        await policies.publish(
            label="2027-10",
            effective_on="2027-10-01",
            text_en="The English text.",
            url_en=None,
        )
    ).json()
    withdrawn = (await policies.publish(label="2027-11", effective_on="2027-11-01")).json()
    await policies.client.post(
        f"/policies/{withdrawn['id']}/withdrawal",
        json={"reason": "dropped"},
        headers=policies.officer,
    )

    policies.clock.now = datetime(2027, 8, 15, 9, 0, tzinfo=UTC)
    page = await policies.client.get("/public/policies")  # no sign-in
    assert page.status_code == 200
    body = page.json()
    assert body["current"]["label"] == "2027-08"
    assert body["current"]["text_et"] == "Privaatsuspoliitika tekst."
    assert body["current"]["url_en"] == "https://soket.ee/en/privacy-policy-2027-01"
    assert body["current"]["summary"] == "Breach notices and policy acceptance added."
    assert [version["label"] for version in body["upcoming"]] == ["2027-10"]
    assert body["upcoming"][0]["text_en"] == "The English text."
    assert "id" not in body["current"]
    assert "published_by" not in body["current"]

    listed = await policies.client.get(
        "/policies", params={"page_size": 200}, headers=policies.officer
    )
    statuses = {item["label"]: item["status"] for item in listed.json()["items"]}
    assert statuses["2027-07"] == "superseded"
    assert statuses["2027-08"] == "current"
    assert statuses["2027-10"] == "upcoming"
    assert statuses["2027-11"] == "withdrawn"
    assert {old["id"], current["id"], upcoming["id"]} <= {
        item["id"] for item in listed.json()["items"]
    }


async def test_a_client_user_accepts_a_version_and_the_officer_sees_the_counts_q13(
    policies: Scratch,
) -> None:
    policies.clock.now = datetime(2027, 10, 20, 9, 0, tzinfo=UTC)
    published = [
        await policies.publish(label=label, effective_on=effective_on)
        for label, effective_on in (
            ("2027-12", "2027-12-01"),  # superseded by the next
            ("2028-01", "2028-01-01"),
            ("2028-03", "2028-03-01"),
        )
    ]
    assert [response.status_code for response in published] == [201, 201, 201]
    _, current, upcoming = (response.json() for response in published)
    policies.clock.now = datetime(2028, 1, 1, 9, 0, tzinfo=UTC)

    tenant = uuid.uuid4()
    user = uuid.uuid4()
    viewer = policies.client_user(tenant_id=tenant, user_id=user)
    accepted = await policies.client.post(
        "/me/policy-acceptances",
        json={"label": "2028-01", "channel": "settings_page"},
        headers=viewer,
    )
    assert accepted.status_code == 201, accepted.text
    record = accepted.json()
    assert record["user_id"] == str(user)
    assert record["tenant_id"] == str(tenant)
    assert (record["label"], record["effective_on"]) == ("2028-01", "2028-01-01")
    assert record["channel"] == "settings_page"
    assert record["accepted_at"] == "2028-01-01T09:00:00Z"

    policies.clock.advance(minutes=5)
    again = await policies.client.post(
        "/me/policy-acceptances", json={"label": "2028-01"}, headers=viewer
    )
    assert again.status_code == 200
    assert again.json() == record  # the first record stands
    for other in range(2):
        upcoming_accepted = await policies.client.post(
            "/me/policy-acceptances", json={"label": "2028-03"}, headers=policies.client_user()
        )
        assert upcoming_accepted.status_code == 201, (other, upcoming_accepted.text)

    mine = await policies.client.get("/me/policy-acceptances", headers=viewer)
    assert [item["label"] for item in mine.json()["items"]] == ["2028-01"]

    superseded = await policies.client.post(
        "/me/policy-acceptances", json={"label": "2027-12"}, headers=viewer
    )
    assert superseded.status_code == 409
    unknown = await policies.client.post(
        "/me/policy-acceptances", json={"label": "no-such"}, headers=viewer
    )
    assert unknown.status_code == 404
    officer_accepting = await policies.client.post(
        "/me/policy-acceptances", json={"label": "2028-01"}, headers=policies.officer
    )
    assert officer_accepting.status_code == 403
    assert (
        await policies.client.post("/me/policy-acceptances", json={"label": "x"})
    ).status_code == 401

    counted = await policies.client.get(f"/policies/{current['id']}", headers=policies.officer)
    assert counted.json()["acceptances"] == 1
    counted = await policies.client.get(f"/policies/{upcoming['id']}", headers=policies.officer)
    assert counted.json()["acceptances"] == 2
    rows = await policies.fetch(
        "SELECT user_id, tenant_id, channel FROM policy_acceptance WHERE user_id = :user", user=user
    )
    assert [tuple(row) for row in rows] == [(user, tenant, "settings_page")]


def test_dates_are_compared_as_midnight_in_tallinn() -> None:
    from privacy.policies.options import PolicyOptions
    from privacy.policies.service import earliest_effective_on

    options = PolicyOptions()
    assert earliest_effective_on(START, options) == date(2026, 12, 3)
    late_evening = datetime(2026, 11, 2, 21, 59, tzinfo=UTC)  # 23:59 in Tallinn
    assert earliest_effective_on(late_evening, options) == date(2026, 12, 3)
    assert earliest_effective_on(late_evening + timedelta(minutes=2), options) == date(2026, 12, 4)


async def test_an_erased_clients_acceptances_can_be_forgotten(policies: Scratch) -> None:
    from privacy.policies.service import forget_acceptances

    policies.clock.now = datetime(2029, 1, 1, 9, 0, tzinfo=UTC)
    assert (await policies.publish(label="2029-03", effective_on="2029-03-01")).status_code == 201
    erased, kept = uuid.uuid4(), uuid.uuid4()
    for tenant in (erased, erased, kept):
        accepted = await policies.client.post(
            "/me/policy-acceptances",
            json={"label": "2029-03"},
            headers=policies.client_user(tenant_id=tenant),
        )
        assert accepted.status_code == 201
    async with policies.database.sessions() as session, session.begin():
        assert await forget_acceptances(session, tenant_id=erased) == 2
    rows = await policies.fetch(
        "SELECT tenant_id FROM policy_acceptance WHERE tenant_id IN (:erased, :kept)",
        erased=erased,
        kept=kept,
    )
    assert [row.tenant_id for row in rows] == [kept]
