"""Q10 across the running system: a breach of a client with participants asks every data
service for a census and shows their figures; its notices (art. 34) reach the client's users
and participants through delivery (the SES emulator's inboxes) and are counted from delivery's
status events alone, matched by the breach's correlation id (privacy reads none of the
per-person notification events, which carry addresses)."""

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from privacy.register.seed import CLIENT_REPRESENTATIVE_EMAIL, PARTICIPANT_NAMES_AND_EMAILS
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import RunningSystem, eventually, module_system


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="breach")


async def test_breach_census_and_notices_reach_participants_and_are_counted_q10(
    system: RunningSystem,
) -> None:
    tag = secrets.token_hex(4)
    admin = await system.sign_up_client(email=f"admin.{tag}@example.ee")
    participants = [
        await admin.add_participant(name=f"Osaleja {n} {tag}", email=f"osaleja{n}.{tag}@example.ee")
        for n in (1, 2)
    ]
    officer = await system.privacy_officer(email=f"dpo.{tag}@example.ee")

    nature = f"Export link {tag} was readable without signing in for two hours."
    recorded = await officer.call(
        "POST",
        "privacy",
        "/breaches",
        json={
            "discovered_at": (datetime.now(UTC) - timedelta(hours=5)).isoformat(),
            "nature": nature,
            "data_category_ids": [
                str(CLIENT_REPRESENTATIVE_EMAIL),
                str(PARTICIPANT_NAMES_AND_EMAILS),
            ],
            "tenant_ids": [str(admin.tenant_id)],
            "likely_consequences": "Names and addresses may be used for phishing.",
            "measures_taken": "The link was revoked.",
            "measures_proposed": "Be wary of emails asking for your password.",
        },
        expect=201,
    )
    breach = recorded.json()
    assert 66.9 < breach["hours_left"] <= 67.0

    async def counted() -> dict[str, Any] | None:
        read = await officer.call("GET", "privacy", f"/breaches/{breach['id']}", expect=200)
        people: dict[str, Any] = read.json()["approximate_people"]
        return people if not people["services_waiting"] else None

    people = await eventually(counted, within=90, what="every service's census")
    figures = {figure["activity_id"]: figure["people"] for figure in people["per_category"]}
    assert figures == {str(CLIENT_REPRESENTATIVE_EMAIL): 1, str(PARTICIPANT_NAMES_AND_EMAILS): 2}
    assert (people["low"], people["high"]) == (2, 3)

    before = len(await system.emails())
    await officer.call(
        "POST",
        "privacy",
        f"/breaches/{breach['id']}/notices",
        json={"audiences": ["client_users", "client_participants"]},
        expect=202,
    )
    for address in [admin.email, *(person.email for person in participants)]:
        mail = await system.email_to(address, containing=tag, after=before, within=90)
        assert "Be wary of emails" in mail.text

    async def all_sent() -> dict[str, Any] | None:
        read = await officer.call("GET", "privacy", f"/breaches/{breach['id']}/notices")
        counts: dict[str, Any] = read.json()
        return counts if counts["sent"] == 3 else None

    counts = await eventually(all_sent, within=90, what="the notices counted as sent")
    assert counts["group_notices"] == 2
    assert counts["requested"] == 3
    assert counts["bounced"] == 0

    report = await officer.call("GET", "privacy", f"/breaches/{breach['id']}/report", expect=200)
    assert report.json()["nature"]["approximate_number_of_data_subjects"]["high"] == 3
