"""Q10: a breach on the 72-hour clock of GDPR art. 33(1): hours left, escalation to privacy
officers before the deadline (each mark once, none once the authority knows), the report with
every field art. 33(3) requires, and every create/edit audited (Q15)."""

import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.events import privacy
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import PrivacyNotificationRequested, PrivacyOfficers
from privacy.audit.models import AuditEntry
from privacy.breaches.escalation import escalate_due_breaches
from privacy.register.seed import PARTICIPANT_ANSWERS, PARTICIPANT_NAMES_AND_EMAILS
from privacy.settings import Settings

from .conftest import FixedClock

pytestmark = pytest.mark.usefixtures("client")


@pytest.fixture
def officer_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def officer(tokens: TestTokens, officer_id: uuid.UUID) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)


def breach_body(discovered_at: datetime, **changes: Any) -> dict[str, Any]:
    return {
        "discovered_at": discovered_at.isoformat(),
        "nature": "A misconfigured export link exposed participants' answers for two hours.",
        "data_category_ids": [str(PARTICIPANT_NAMES_AND_EMAILS), str(PARTICIPANT_ANSWERS)],
        "tenant_ids": [str(uuid.uuid4())],
        "approximate_records": 1200,
        "likely_consequences": "Colleagues may learn how a participant scored.",
        "measures_taken": "The link was revoked and access logs reviewed.",
        "measures_proposed": "Links expire after one hour; participants may ask for erasure.",
        **changes,
    }


async def record(client: httpx.AsyncClient, officer: dict[str, str], body: dict[str, Any]) -> Any:
    response = await client.post("/breaches", json=body, headers=officer)
    assert response.status_code == 201, response.text
    return response.json()


async def escalations(database: Database, reference: str) -> list[PrivacyNotificationRequested]:
    found = []
    for envelope in await outbox(database, privacy.NOTIFICATION_REQUESTED):
        notice = envelope.data
        if (
            isinstance(notice, PrivacyNotificationRequested)
            and notice.template is NoticeTemplate.BREACH_ESCALATION
            and notice.parameters["reference"] == reference
        ):
            found.append(notice)
    return found


async def escalate(database: Database, settings: Settings, now: datetime) -> int:
    async with database.sessions() as session, session.begin():
        return await escalate_due_breaches(session, settings=settings, now=now)


async def test_breach_shows_hours_left_and_goes_negative_when_overdue_q10(
    client: httpx.AsyncClient, officer: dict[str, str], clock: FixedClock
) -> None:
    breach = await record(client, officer, breach_body(clock.now - timedelta(hours=10)))
    assert breach["hours_left"] == 62.0
    assert breach["overdue"] is False
    assert datetime.fromisoformat(breach["deadline"]) == clock.now + timedelta(hours=62)

    clock.advance(hours=63)
    read = (await client.get(f"/breaches/{breach['id']}", headers=officer)).json()
    assert read["hours_left"] == -1.0
    assert read["overdue"] is True
    listed = (await client.get("/breaches?page_size=200", headers=officer)).json()
    mine = [item for item in listed["items"] if item["id"] == breach["id"]]
    assert mine[0]["hours_left"] == -1.0


async def test_escalates_each_mark_once_before_the_deadline_and_stops_when_notified_q10(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    clock: FixedClock,
    database: Database,
    settings: Settings,
) -> None:
    discovered = clock.now
    breach = await record(client, officer, breach_body(discovered))
    reference = breach["reference"]

    await escalate(database, settings, discovered + timedelta(hours=23))
    assert await escalations(database, reference) == []

    for hours_after, expected in ((24, 1), (30, 1), (48, 2), (49, 2), (66.5, 3)):
        await escalate(database, settings, discovered + timedelta(hours=hours_after))
        assert len(await escalations(database, reference)) == expected, hours_after

    sent = await escalations(database, reference)
    assert all(notice.address == PrivacyOfficers(group="privacy_officers") for notice in sent)
    assert (
        sent[0].parameters["deadline"] == f"{discovered + timedelta(hours=72):%Y-%m-%d %H:%M} UTC"
    )
    assert sent[0].parameters["link"].endswith(f"/app/privacy/breaches/{breach['id']}")
    read = (await client.get(f"/breaches/{breach['id']}", headers=officer)).json()
    assert read["escalated_marks"] == [48, 24, 6]

    clock.now = discovered + timedelta(hours=70)
    notified = await client.post(
        f"/breaches/{breach['id']}/authority-notification",
        json={"notified_at": clock.now.isoformat(), "reference": "AKI 2.1-3/26/101"},
        headers=officer,
    )
    assert notified.status_code == 200, notified.text
    assert notified.json()["hours_left"] == 2.0
    await escalate(database, settings, discovered + timedelta(hours=80))
    assert len(await escalations(database, reference)) == 3


async def test_marks_passed_together_make_one_email_q10(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    clock: FixedClock,
    database: Database,
    settings: Settings,
) -> None:
    discovered = clock.now - timedelta(hours=1)
    breach = await record(client, officer, breach_body(discovered))
    await escalate(database, settings, discovered + timedelta(hours=73))
    await escalate(database, settings, discovered + timedelta(hours=74))
    assert len(await escalations(database, breach["reference"])) == 1
    read = (await client.get(f"/breaches/{breach['id']}", headers=officer)).json()
    assert read["escalated_marks"] == [48, 24, 6, 0]


async def test_report_carries_every_art_33_3_field_q10(
    client: httpx.AsyncClient, officer: dict[str, str], clock: FixedClock, settings: Settings
) -> None:
    discovered = clock.now - timedelta(hours=80)
    breach = await record(client, officer, breach_body(discovered))
    late = await client.post(
        f"/breaches/{breach['id']}/authority-notification",
        json={"notified_at": clock.now.isoformat()},
        headers=officer,
    )
    assert late.status_code == 422
    assert "delay_reasons" in late.json()["detail"]
    notified = await client.post(
        f"/breaches/{breach['id']}/authority-notification",
        json={
            "notified_at": clock.now.isoformat(),
            "delay_reasons": "The processor told us of the breach only on day three.",
        },
        headers=officer,
    )
    assert notified.status_code == 200, notified.text

    report = (await client.get(f"/breaches/{breach['id']}/report", headers=officer)).json()
    nature = report["nature"]
    # (a) nature, categories and approximate number of data subjects and of records
    assert nature["description"].startswith("A misconfigured export link")
    assert {c["id"] for c in nature["categories_of_data"]} == {
        str(PARTICIPANT_NAMES_AND_EMAILS),
        str(PARTICIPANT_ANSWERS),
    }
    assert nature["categories_of_data_subjects"] == ["participant"]
    people = nature["approximate_number_of_data_subjects"]
    assert {"low", "high", "per_category", "method", "services_waiting"} <= set(people)
    assert people["method"]
    assert nature["approximate_number_of_records"] == 1200
    # (b) the data protection contact
    assert report["contact"]["data_protection_contact"] == settings.data_protection_contact
    # (c) likely consequences
    assert report["likely_consequences"] == "Colleagues may learn how a participant scored."
    # (d) measures taken and proposed, mitigation included
    assert report["measures"]["taken"].startswith("The link was revoked")
    assert report["measures"]["proposed_including_mitigation"].startswith("Links expire")
    # art. 33(1): timing and the reasons for a late notification
    timing = report["timing"]
    assert timing["notified_late"] is True
    assert timing["reasons_for_delay"].startswith("The processor told us")
    assert timing["hours_left"] == -8.0
    assert report["supervisory_authority"] == settings.supervisory_authority

    text = await client.get(f"/breaches/{breach['id']}/report.md", headers=officer)
    assert text.status_code == 200
    for heading in ("(a) Nature", "(b) Contact", "(c) Likely consequences", "(d) Measures"):
        assert heading in text.text
    assert "Reasons for the delay" in text.text


async def test_create_and_edit_are_audited_and_guarded_q10_q15(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    officer_id: uuid.UUID,
    tokens: TestTokens,
    clock: FixedClock,
    database: Database,
) -> None:
    body = breach_body(clock.now - timedelta(hours=2))
    admin = tokens.headers(tenant_id=uuid.uuid4(), roles={Role.ADMIN})
    assert (await client.post("/breaches", json=body, headers=admin)).status_code == 403
    assert (await client.get("/breaches", headers=admin)).status_code == 403

    bad = await client.post(
        "/breaches",
        json=breach_body(clock.now, data_category_ids=[str(uuid.uuid4())]),
        headers=officer,
    )
    assert bad.status_code == 422
    future = await client.post(
        "/breaches", json=breach_body(clock.now + timedelta(days=1)), headers=officer
    )
    assert future.status_code == 422
    missing = await client.get(f"/breaches/{uuid.uuid4()}", headers=officer)
    assert missing.status_code == 404

    breach = await record(client, officer, body)
    edited = await client.put(
        f"/breaches/{breach['id']}",
        json={**body, "likely_consequences": "Scores of two quizzes may be known."},
        headers=officer,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["likely_consequences"] == "Scores of two quizzes may be known."

    async with database.sessions() as session:
        entries = list(
            await session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == officer_id).order_by(AuditEntry.seq)
            )
        )
    assert [entry.action for entry in entries] == ["breach.recorded", "breach.updated"]
    assert entries[1].details["changed"] == ["likely_consequences"]
    assert entries[1].details["reference"] == breach["reference"]

    page = (await client.get("/breaches?page=1&page_size=1", headers=officer)).json()
    assert (page["page_size"], len(page["items"])) == (1, 1)
    assert page["total"] >= 1
