"""Client offboarding end to end, every service running on the real database and broker
(issue 9, point 4, P12): a client with participants, questions and an answered quiz asks
accounts to end its contract; its admin is emailed the offer and downloads the ZIP of the
client's data; the date is agreed to now; the erasure runs in every service; then no row of
that client is left in any service's database (marker grep over the dumps), and the
certificate of deletion's receipts verify with ``./soket privacy verify-bundle``."""

import io
import json
import secrets
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soket_cli.layout import repo_root
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import (
    ClientAdmin,
    RunningSystem,
    eventually,
    module_system,
    traces,
)

OFFBOARDING_ENVIRONMENT = {
    "PRIVACY_OFFBOARDING__NOTICE_LEAD_SECONDS": "5",
    "PRIVACY_OFFBOARDING__REPLY_TIMEOUT_SECONDS": "30",
}
"""The admins' certificate notice a few seconds ahead of the erasure; a silent service asked
again after 30 s."""


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(
        infrastructure, tmp_path_factory, name="off", environment=OFFBOARDING_ENVIRONMENT
    )


def api_path(link: str) -> str:
    """A link in an email, as a path of privacy's own API (the gateway strips the prefix)."""
    parts = urlsplit(link)
    return parts.path.split("/api/privacy", 1)[1] + f"?{parts.query}"


def verify_bundle(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "soket_cli", "privacy", "verify-bundle", str(path)],
        cwd=repo_root(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def seeded_client(system: RunningSystem, tag: str) -> tuple[ClientAdmin, dict[str, str]]:
    """A client whose name, people, question and answer carry markers of this run."""
    marks = {
        "organisation": f"Offboarded Quokka {tag} OÜ",
        "admin_email": f"quokka.admin.{tag}@example.ee",
        "first_email": f"quokka.first.{tag}@example.ee",
        "second_email": f"quokka.second.{tag}@example.ee",
        "first_name": f"Quokka Firstling {tag}",
        "question": f"Kui kaugel on Quokkasaar {tag}?",
        "free_text": f"Quokka vastus {tag} liivakellast",
    }
    admin = await system.sign_up_client(
        email=marks["admin_email"], organisation=marks["organisation"]
    )
    first = await admin.add_participant(name=marks["first_name"], email=marks["first_email"])
    second = await admin.add_participant(name=f"Quokka Second {tag}", email=marks["second_email"])
    await admin.add_question(text=marks["question"])
    await admin.quiz_answered(
        [(first, marks["free_text"]), (second, f"teine {tag}")], title=f"Quokka viktoriin {tag}"
    )
    return admin, marks


async def test_p12_offboarding_exports_then_erases_the_client_everywhere_with_a_certificate(
    system: RunningSystem, tmp_path: Path
) -> None:
    """P12: export offered and downloaded, then no row of that client in any service, and a
    certificate of deletion whose receipts verify."""
    tag = secrets.token_hex(4)
    admin, marks = await seeded_client(system, tag)
    officer = await system.privacy_officer(email=f"officer.{tag}@example.ee")
    await system.settle()
    before = system.dumps()
    for kind in ("organisation", "first_email", "question", "free_text"):
        assert traces(marks[kind], before), f"{kind} was not seeded"

    sent_before = len(await system.emails())
    await admin.call("POST", "accounts", "/client/offboarding", expect=202)
    offer = await system.email_to(
        marks["admin_email"], containing="/offboarding/", after=sent_before, within=120
    )
    [link] = [link for link in offer.links if "/offboarding/" in link]
    async with system.http("privacy") as public:
        downloaded = await public.get(api_path(link))
    assert downloaded.status_code == 200, downloaded.text
    with zipfile.ZipFile(io.BytesIO(downloaded.content)) as archive:
        names = set(archive.namelist())
        assert {"manifest.json", "accounts.json", "assessments.json"} <= names
        assessments = archive.read("assessments.json").decode()
        assert marks["organisation"] in archive.read("accounts.json").decode()
        assert marks["first_email"] in assessments
        assert marks["question"] in assessments
        assert marks["free_text"] in assessments

    mine = await admin.call("GET", "privacy", "/client/offboarding", expect=200)
    offboarding_id = mine.json()["id"]
    assert mine.json()["state"] == "offered"
    agreed = await admin.call(
        "PUT",
        "privacy",
        "/client/offboarding/erasure-date",
        json={"erase_on": datetime.now(UTC).isoformat()},
        expect=200,
    )
    assert agreed.json()["erase_on_agreed_by"] == "client_admin"

    async def erased() -> dict[str, Any] | None:
        found = await officer.call("GET", "privacy", f"/offboardings/{offboarding_id}", expect=200)
        detail: dict[str, Any] = found.json()
        return detail if detail["state"] == "erased" else None

    detail = await eventually(erased, within=180, what="the client erased in every service")
    assert sorted(detail["services_answered"]) == [
        "accounts",
        "analytics",
        "assessments",
        "delivery",
    ]

    certificate = await officer.call(
        "GET", "privacy", f"/offboardings/{offboarding_id}/certificate", expect=200
    )
    path = tmp_path / "certificate.json"
    path.write_bytes(certificate.content)
    checked = verify_bundle(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    section = certificate.json()["certificate"]
    assert section["client"]["tenant_id"] == str(admin.tenant_id)
    assert section["last_backup_expiry_basis"] == "backup_record"
    async with system.http("privacy") as public:
        own = await public.get(api_path(link.replace("/export?", "/certificate?")))
        gone = await public.get(api_path(link))
    assert own.status_code == 200, own.text
    assert own.json()["request"]["id"] == certificate.json()["request"]["id"]
    assert gone.status_code == 410

    # The client's data is gone from every database once the relays have purged sent rows.
    await system.settle()

    async def clean() -> dict[str, list[str]] | None:
        dumps = system.dumps()
        left = {kind: traces(mark, dumps) for kind, mark in marks.items()}
        return None if any(left.values()) else left

    try:
        await eventually(clean, within=90, what="no trace of the client in any database")
    except AssertionError:
        dumps = system.dumps()
        left = {kind: traces(mark, dumps) for kind, mark in marks.items()}
        raise AssertionError(json.dumps(left, indent=1)) from None
