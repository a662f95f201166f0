"""Receipts: verified with the key their service published, stored once, chained into the
audit log (P12, P15: erasure proven; Q15: every step audited)."""

import hashlib
import json
from uuid import uuid4

import pytest
from sqlalchemy import func, select

from chassis.database import Database
from contracts.events.receipt import Receipt
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.proofs.models import StoredReceipt
from privacy.proofs.service import ReceiptRejected, UnknownReceiptKey, accept_receipt
from privacy.proofs.testing import Signers, add_request, announce_keys
from privacy.requests.models import DataSubjectRequest

from .conftest import FixedClock


@pytest.fixture
async def signers(database: Database, clock: FixedClock) -> Signers:
    signers = Signers()
    await announce_keys(database, signers, valid_from=clock.now)
    return signers


async def _request(database: Database, clock: FixedClock) -> DataSubjectRequest:
    async with database.sessions() as session, session.begin():
        return await add_request(session, now=clock.now)


async def _accept(database: Database, request: DataSubjectRequest, receipt: Receipt) -> int:
    async with database.sessions() as session, session.begin():
        stored = await session.get(DataSubjectRequest, request.id)
        assert stored is not None
        return await accept_receipt(session, request=stored, receipt=receipt, now=request.due_at)


async def test_a_verified_receipt_is_stored_and_chained_with_its_digest_p12(
    database: Database, clock: FixedClock, signers: Signers
) -> None:
    request = await _request(database, clock)
    receipt = signers.receipt(DataService.ASSESSMENTS, request=request, completed_at=clock.now)

    seq = await _accept(database, request, receipt)

    digest = hashlib.sha256(
        json.dumps(receipt.model_dump(mode="json"), sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    async with database.sessions() as session:
        stored = await session.get(StoredReceipt, (request.id, "assessments", "subject_erasure"))
        entry = await session.get(AuditEntry, seq)
    assert stored is not None
    assert entry is not None
    assert stored.content == receipt.model_dump(mode="json")
    assert stored.sha256 == digest
    assert stored.audit_seq == seq
    assert stored.key_id == signers[DataService.ASSESSMENTS].key_id
    assert entry.action == "receipt.accepted"
    assert entry.request_id == request.id
    assert entry.details == {
        "service": "assessments",
        "scope": "subject_erasure",
        "key_id": signers[DataService.ASSESSMENTS].key_id,
        "receipt_sha256": digest,
    }
    assert request.email is not None
    assert request.email not in json.dumps(entry.details)


async def test_the_same_receipt_twice_is_kept_once_with_one_audit_entry(
    database: Database, clock: FixedClock, signers: Signers
) -> None:
    request = await _request(database, clock)
    receipt = signers.receipt(DataService.DELIVERY, request=request, completed_at=clock.now)
    first = await _accept(database, request, receipt)
    again = await _accept(database, request, receipt)
    later = signers.receipt(
        DataService.DELIVERY, request=request, completed_at=clock.advance(minutes=5)
    )
    redone = await _accept(database, request, later)  # a redelivered request erased again
    assert first == again == redone
    async with database.sessions() as session:
        entries = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.request_id == request.id, AuditEntry.action == "receipt.accepted")
        )
    assert entries == 1


async def _rejected(database: Database, request: DataSubjectRequest, receipt: Receipt) -> str:
    with pytest.raises(ReceiptRejected) as rejected:
        await _accept(database, request, receipt)
    async with database.sessions() as session:
        kept = await session.scalar(
            select(func.count())
            .select_from(StoredReceipt)
            .where(StoredReceipt.request_id == request.id)
        )
        audited = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.request_id == request.id, AuditEntry.action == "receipt.accepted")
        )
    assert (kept, audited) == (0, 0)
    return str(rejected.value)


async def test_a_forged_signature_is_rejected_p12(
    database: Database, clock: FixedClock, signers: Signers
) -> None:
    request = await _request(database, clock)
    forger = Signers()[DataService.ANALYTICS]
    receipt = signers.receipt(
        DataService.ANALYTICS, request=request, completed_at=clock.now, signer=forger
    )
    assert receipt.key_id == signers[DataService.ANALYTICS].key_id
    assert "does not verify" in await _rejected(database, request, receipt)


async def test_a_receipt_changed_after_signing_is_rejected_p12(
    database: Database, clock: FixedClock, signers: Signers
) -> None:
    request = await _request(database, clock)
    receipt = signers.receipt(DataService.ASSESSMENTS, request=request, completed_at=clock.now)
    changed = receipt.model_copy(update={"rows_deleted": {**receipt.rows_deleted, "answer": 11}})
    assert "does not verify" in await _rejected(database, request, changed)


async def test_a_receipt_signed_with_an_unpublished_key_is_rejected_and_worth_retrying(
    database: Database, clock: FixedClock, signers: Signers
) -> None:
    request = await _request(database, clock)
    unknown = Signers()
    receipt = unknown.receipt(DataService.ACCOUNTS, request=request, completed_at=clock.now)
    with pytest.raises(UnknownReceiptKey, match="has published no key"):
        await _accept(database, request, receipt)
    assert "has published no key" in await _rejected(database, request, receipt)


async def test_a_receipt_for_another_request_client_or_person_is_rejected(
    database: Database, clock: FixedClock, signers: Signers
) -> None:
    request = await _request(database, clock)
    other = await _request(database, clock)
    for_other = signers.receipt(DataService.DELIVERY, request=other, completed_at=clock.now)
    assert "another request" in await _rejected(database, request, for_other)
    other_client = signers.receipt(
        DataService.DELIVERY, request=request, completed_at=clock.now, tenant_id=uuid4()
    )
    assert "another client" in await _rejected(database, request, other_client)
    other_person = signers.receipt(
        DataService.DELIVERY,
        request=request,
        completed_at=clock.now,
        subject_ref=other.subject_ref,
    )
    assert "another person" in await _rejected(database, request, other_person)
