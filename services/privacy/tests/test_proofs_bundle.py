"""A request's proof bundle, downloaded by a privacy officer or the client's admin, checked by
``./soket privacy verify-bundle`` with nothing but the bundle; one changed byte fails it
(P12: erasure with receipts; P15: deletion proven; Q15: only those who need it)."""

import json
import subprocess
import sys
from pathlib import Path
from uuid import UUID, uuid4

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.vocabulary import DataService
from privacy.proofs.testing import Signers, announce_keys, erased_with_receipts
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move

from .conftest import FixedClock

OFFICER = frozenset({Role.PRIVACY_OFFICER})


@pytest.fixture
async def signers(database: Database, clock: FixedClock) -> Signers:
    signers = Signers()
    await announce_keys(database, signers, valid_from=clock.now)
    return signers


async def _verified_erasure(
    database: Database, signers: Signers, clock: FixedClock, tenant_id: UUID
) -> DataSubjectRequest:
    request = await erased_with_receipts(database, signers, now=clock.now, tenant_id=tenant_id)
    async with database.sessions() as session, session.begin():
        stored = await session.get(DataSubjectRequest, request.id)
        assert stored is not None
        for state in (RequestState.COMPLETED, RequestState.VERIFIED):
            await move(session, request=stored, to=state, actor=Actor.SYSTEM, now=clock.now)
    return request


def verify_bundle(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``./soket privacy verify-bundle`` (the CLI behind it: ``./soket`` first syncs the venv)."""
    return subprocess.run(
        [sys.executable, "-m", "soket_cli", "privacy", "verify-bundle", str(path), *extra],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_an_officer_downloads_a_bundle_that_verifies_and_fails_when_one_byte_changes_p12(
    database: Database,
    client: httpx.AsyncClient,
    tokens: TestTokens,
    clock: FixedClock,
    signers: Signers,
    tmp_path: Path,
) -> None:
    request = await _verified_erasure(database, signers, clock, uuid4())
    response = await client.get(
        f"/requests/{request.id}/proof-bundle",
        headers=tokens.headers(tenant_id=None, roles=OFFICER),
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="proof-bundle-{request.reference}.json"'
    )
    assert request.email is not None
    assert request.email.encode() not in response.content
    bundle = response.json()
    assert bundle["request"]["state"] == "verified"
    assert {r["service"] for r in bundle["receipts"]} == {s.value for s in DataService}
    assert [e["action"] for e in bundle["audit"]].count("key.published") == 4
    assert [e["action"] for e in bundle["audit"]][-2:] == ["request.completed", "request.verified"]

    untouched = tmp_path / "bundle.json"
    untouched.write_bytes(response.content)
    checked = verify_bundle(untouched)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "the proof bundle holds" in checked.stdout
    for service in DataService:
        assert f"receipt of {service}: signature verifies" in checked.stdout

    text = response.text
    assert text.count('"answer": 12') == 1  # the assessments receipt's row count
    one_digit = tmp_path / "one-digit.json"
    one_digit.write_text(text.replace('"answer": 12', '"answer": 13'))
    failed = verify_bundle(one_digit)
    assert failed.returncode == 1
    assert "FAIL  receipt of assessments: the signature does not verify" in failed.stdout

    signature = bundle["receipts"][0]["receipt"]["signature"]
    changed = ("B" if signature[0] == "A" else "A") + signature[1:]
    one_character = tmp_path / "one-character.json"
    one_character.write_text(text.replace(signature, changed))
    failed = verify_bundle(one_character)
    assert failed.returncode == 1
    assert "signature does not verify" in failed.stdout


async def test_a_receipt_swapped_for_another_validly_signed_one_breaks_its_chained_digest_p12(
    database: Database,
    client: httpx.AsyncClient,
    tokens: TestTokens,
    clock: FixedClock,
    signers: Signers,
    tmp_path: Path,
) -> None:
    request = await _verified_erasure(database, signers, clock, uuid4())
    officer = tokens.headers(tenant_id=None, roles=OFFICER)
    bundle = (await client.get(f"/requests/{request.id}/proof-bundle", headers=officer)).json()

    swapped = json.loads(json.dumps(bundle))
    [delivery] = [r for r in swapped["receipts"] if r["service"] == "delivery"]
    stored = DataSubjectRequest(
        id=request.id, tenant_id=request.tenant_id, subject_ref=request.subject_ref
    )
    other = signers.receipt(
        DataService.DELIVERY, request=stored, completed_at=clock.now, rows_deleted={"message": 1}
    )
    delivery["receipt"] = other.model_dump(mode="json")
    path = tmp_path / "swapped.json"
    path.write_text(json.dumps(swapped))
    failed = verify_bundle(path)
    assert failed.returncode == 1
    assert "receipt of delivery: signature verifies" in failed.stdout
    assert "differs from the one chained" in failed.stdout

    rewritten = json.loads(json.dumps(bundle))
    rewritten["audit"][-1]["details"]["to"] = "completed"
    path = tmp_path / "rewritten.json"
    path.write_text(json.dumps(rewritten))
    failed = verify_bundle(path)
    assert failed.returncode == 1
    seq = rewritten["audit"][-1]["seq"]
    assert f"audit entry {seq} does not hash from its content" in failed.stdout

    missing = json.loads(json.dumps(bundle))
    missing["receipts"] = [r for r in missing["receipts"] if r["service"] != "analytics"]
    path = tmp_path / "missing.json"
    path.write_text(json.dumps(missing))
    failed = verify_bundle(path)
    assert failed.returncode == 1
    assert "no receipt from analytics" in failed.stdout


async def test_a_client_admin_gets_bundles_of_its_own_clients_requests_only_q15(
    database: Database,
    client: httpx.AsyncClient,
    tokens: TestTokens,
    clock: FixedClock,
    signers: Signers,
) -> None:
    tenant = uuid4()
    request = await _verified_erasure(database, signers, clock, tenant)
    path = f"/client/requests/{request.id}/proof-bundle"
    own = await client.get(path, headers=tokens.headers(tenant_id=tenant))
    assert own.status_code == 200
    assert own.json()["request"]["id"] == str(request.id)
    assert "attachment" in own.headers["content-disposition"]

    assert (await client.get(path, headers=tokens.headers(tenant_id=uuid4()))).status_code == 404
    editor = tokens.headers(tenant_id=tenant, roles=frozenset({Role.EDITOR}))
    assert (await client.get(path, headers=editor)).status_code == 403
    officer = tokens.headers(tenant_id=None, roles=OFFICER)
    assert (await client.get(path, headers=officer)).status_code == 403
    admin = tokens.headers(tenant_id=tenant)
    officer_path = f"/requests/{request.id}/proof-bundle"
    assert (await client.get(officer_path, headers=admin)).status_code == 403
    unknown = await client.get(f"/requests/{uuid4()}/proof-bundle", headers=officer)
    assert unknown.status_code == 404
    assert (await client.get(officer_path)).status_code == 401
