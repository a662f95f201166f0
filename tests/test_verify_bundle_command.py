"""``./soket privacy verify-bundle FILE`` on bundles built here by hand (no database, no
service running): what a data subject or an auditor can check alone (P12, P15)."""

import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from chassis.privacy.receipts import ReceiptSigner
from contracts.events.receipt import ErasureMethod, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService
from privacy.audit.chain import GENESIS_HASH, entry_hash
from privacy.proofs.bundle_check import BUNDLE_FORMAT
from privacy.proofs.digests import receipt_digest
from soket_cli.__main__ import main

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SUBJECT_REF = "A" * 52


def _bundle(signers: dict[DataService, ReceiptSigner]) -> dict[str, Any]:
    request_id, tenant_id = str(uuid4()), str(uuid4())
    audit: list[dict[str, Any]] = []

    def append(action: str, details: dict[str, Any], request: str | None) -> int:
        previous = audit[-1]["hash"] if audit else GENESIS_HASH
        entry: dict[str, Any] = {
            "seq": len(audit) + 1,
            "at": (AT + timedelta(seconds=len(audit))).isoformat(),
            "action": action,
            "actor": "system",
            "actor_id": None,
            "request_id": request,
            "details": details,
            "previous_hash": previous,
        }
        entry["hash"] = entry_hash(previous, entry)
        audit.append(entry)
        return int(entry["seq"])

    keys = []
    for service, signer in signers.items():
        details = {
            "service": service.value,
            "key_id": signer.key_id,
            "algorithm": "Ed25519",
            "public_key": signer.public_key_b64,
            "valid_from": AT.isoformat(),
        }
        seq = append("key.published", details, None)
        keys.append({**details, "audit_seq": seq})
    append("request.in_progress", {"from": "approved", "to": "in_progress"}, request_id)
    receipts = []
    for service, signer in signers.items():
        receipt = signer.sign(
            ReceiptContent(
                request_id=request_id,
                service=service,
                scope=ReceiptScope.SUBJECT_ERASURE,
                tenant_id=tenant_id,
                subject_ref=SUBJECT_REF,
                method=ErasureMethod.DELETE,
                rows_deleted={f"{service.value}_rows": 27},
                rows_anonymised={},
                completed_at=AT,
                key_id=signer.key_id,
            )
        ).model_dump(mode="json")
        digest = receipt_digest(receipt)
        seq = append(
            "receipt.accepted",
            {"service": service.value, "key_id": signer.key_id, "receipt_sha256": digest},
            request_id,
        )
        receipts.append({"service": service.value, "audit_seq": seq, "receipt": receipt})
    return {
        "format": BUNDLE_FORMAT,
        "request": {
            "id": request_id,
            "reference": "DSR-TEST0001",
            "type": "erasure",
            "state": "verified",
            "tenant_id": tenant_id,
            "subject_ref": SUBJECT_REF,
        },
        "receipts": receipts,
        "keys": keys,
        "audit": audit,
    }


@pytest.fixture
def signers() -> dict[DataService, ReceiptSigner]:
    return {service: ReceiptSigner(secrets.token_bytes(32)) for service in DataService}


def _write(path: Path, bundle: Any) -> Path:
    path.write_text(json.dumps(bundle, indent=2))
    return path


def test_an_untouched_bundle_holds_and_says_what_was_checked_p12(
    signers: dict[DataService, ReceiptSigner], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "bundle.json", _bundle(signers))
    assert main(["privacy", "verify-bundle", str(path)]) == 0
    out = capsys.readouterr().out
    assert "): erasure request, now verified" in out
    assert "ok    9 audit entries (seq 1 to 9) hash from their content" in out
    for service, signer in signers.items():
        assert f"key {service} {signer.key_id} is the key chained at seq" in out
        assert f"receipt of {service}: signature verifies with {signer.key_id}" in out
        assert f"receipt of {service}: sha256" in out
    assert "receipts cover every data service" in out
    assert out.rstrip().endswith("bundle.json: the proof bundle holds.")


def test_one_changed_digit_of_a_row_count_fails_at_that_receipt_p12(
    signers: dict[DataService, ReceiptSigner], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(_bundle(signers), indent=2)
    assert text.count('"delivery_rows": 27') == 1
    path = tmp_path / "changed.json"
    path.write_text(text.replace('"delivery_rows": 27', '"delivery_rows": 28'))
    assert main(["privacy", "verify-bundle", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  receipt of delivery: the signature does not verify" in out
    assert "does NOT hold" in out


def test_the_bundle_keys_can_be_held_against_the_published_ones(
    signers: dict[DataService, ReceiptSigner], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = _bundle(signers)
    path = _write(tmp_path / "bundle.json", bundle)
    published = _write(tmp_path / "keys.json", bundle["keys"])
    assert main(["privacy", "verify-bundle", str(path), "--keys", str(published)]) == 0
    assert "is the published key" in capsys.readouterr().out

    others = _bundle({s: ReceiptSigner(secrets.token_bytes(32)) for s in DataService})
    elsewhere = _write(tmp_path / "other-keys.json", {"keys": others["keys"]})
    assert main(["privacy", "verify-bundle", str(path), "--keys", str(elsewhere)]) == 1
    assert "is not among the published keys given" in capsys.readouterr().out


def test_a_bundle_key_other_than_the_chained_one_fails(
    signers: dict[DataService, ReceiptSigner], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = _bundle(signers)
    forger = ReceiptSigner(secrets.token_bytes(32))
    bundle["keys"][0].update(key_id=forger.key_id, public_key=forger.public_key_b64)
    path = _write(tmp_path / "bundle.json", bundle)
    assert main(["privacy", "verify-bundle", str(path)]) == 1
    assert "differs from the key chained at seq 1" in capsys.readouterr().out


def test_what_is_not_a_bundle_fails_with_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["privacy", "verify-bundle", str(tmp_path / "missing.json")]) == 1
    assert "Cannot read" in capsys.readouterr().out
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    assert main(["privacy", "verify-bundle", str(garbage)]) == 1
    assert "Not valid JSON" in capsys.readouterr().out
    other = _write(tmp_path / "other.json", {"format": "something else"})
    assert main(["privacy", "verify-bundle", str(other)]) == 1
    assert "not a proof bundle" in capsys.readouterr().out
    truncated = _write(tmp_path / "truncated.json", {"format": BUNDLE_FORMAT, "request": {}})
    assert main(["privacy", "verify-bundle", str(truncated)]) == 1
    assert "the bundle is malformed" in capsys.readouterr().out
