"""Consent withdrawal stops the next email of that purpose (issue 9, "Prove it"; Q2, Q3, Q16),
every service running on the real database and broker: a client representative grants consent
to product news (kept with its proof), a mailing reaches them through the SES emulator, they
withdraw (a request that completes at once), the next mailing does not reach them (delivery logs
it suppressed) while a notice sent on no consent still does."""

import secrets
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import ClientAdmin, RunningSystem, eventually, module_system

WORDING = "Jah, saatke mulle Soketi tooteuudiseid. Võin nõusoleku igal ajal tagasi võtta."


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="consent")


async def granted(admin: ClientAdmin) -> dict[str, Any]:
    """The admin's grant, once privacy has learned of them from ``accounts.user.created``."""

    async def grant() -> dict[str, Any] | None:
        response = await admin.call(
            "POST",
            "privacy",
            "/me/consents/product_news",
            json={"wording": WORDING, "policy_version": "2026-11", "channel": "web_app"},
        )
        if response.status_code == 409:
            return None
        assert response.status_code == 201, response.text
        state: dict[str, Any] = response.json()
        return state

    return await eventually(grant, within=60, what="privacy knowing the new client user")


async def test_q2_consent_withdrawal_stops_the_next_email_of_that_purpose(
    system: RunningSystem,
) -> None:
    admin = await system.sign_up_client(email=f"news.{secrets.token_hex(4)}@example.ee")
    officer = await system.privacy_officer(email=f"dpo.{secrets.token_hex(4)}@example.ee")
    assert (await granted(admin))["standing"] == "granted"

    first = f"Uudis {secrets.token_hex(4)}"
    await officer.call(
        "POST",
        "privacy",
        "/consents/purposes/product_news/mailings",
        json={"headline": first, "link": "https://soket.ee/uudised/1"},
        expect=202,
    )
    await system.email_to(admin.email, containing=first, within=90)

    withdrawn = await admin.call(
        "POST", "privacy", "/me/consents/product_news/withdrawal", json={}, expect=201
    )
    assert (withdrawn.json()["request_type"], withdrawn.json()["state"]) == (
        "consent_withdrawal",
        "completed",
    )

    second = f"Uudis {secrets.token_hex(4)}"
    mailing = await officer.call(
        "POST",
        "privacy",
        "/consents/purposes/product_news/mailings",
        json={"headline": second, "link": "https://soket.ee/uudised/2"},
        expect=202,
    )
    async with system.http("accounts") as accounts:
        reset = await accounts.post("/auth/password-reset", json={"email": admin.email})
        assert reset.status_code == 202, reset.text

    their_copy = uuid.uuid5(uuid.UUID(mailing.json()["notice_id"]), str(admin.user_id))

    async def logged() -> list[dict[str, Any]] | None:
        rows = await system.fetch(
            "delivery",
            "SELECT state, failure, content FROM message WHERE reference_id = $1",
            their_copy,
        )
        return rows or None

    [row] = await eventually(logged, within=90, what="the second mailing in delivery's log")
    assert (row["state"], row["failure"]) == ("suppressed", "suppressed:consent_withdrawn")
    assert row["content"] in (None, "null"), "a suppressed message keeps no address"
    await system.email_to(admin.email, containing="/reset-password", within=90)
    emails = await system.emails()
    to_admin = [sent.text for sent in emails if admin.email in sent.to]
    assert sum(first in text for text in to_admin) == 1
    assert not any(second in text for text in to_admin)

    history = await officer.call(
        "GET", "privacy", "/consents", params={"user_id": str(admin.user_id)}, expect=200
    )
    entries = history.json()["items"]
    assert [(entry["action"], entry["channel"]) for entry in entries] == [
        ("withdrawal", "request"),
        ("grant", "web_app"),
    ]
    assert entries[1]["wording"] == WORDING
    assert entries[1]["policy_version"] == "2026-11"
    assert entries[0]["request_id"] == withdrawn.json()["request_id"]
