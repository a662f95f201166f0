"""A receipt verifies with its service's published key, and not once one byte changes."""

import base64
import secrets
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from chassis.privacy.receipts import ReceiptSigner, key_id_of, verify_receipt
from contracts.events.receipt import ErasureMethod, Receipt, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService

SUBJECT = "A" * 52


def content_for(signer: ReceiptSigner) -> ReceiptContent:
    return ReceiptContent(
        request_id=uuid4(),
        service=DataService.ASSESSMENTS,
        scope=ReceiptScope.SUBJECT_ERASURE,
        tenant_id=uuid4(),
        subject_ref=SUBJECT,
        method=ErasureMethod.DELETE_AND_ANONYMISE,
        rows_deleted={"participant": 1, "answer_token": 12},
        rows_anonymised={"answer": 40},
        completed_at=datetime.now(UTC),
        key_id=signer.key_id,
    )


@pytest.fixture(scope="module")
def signer() -> ReceiptSigner:
    return ReceiptSigner(secrets.token_bytes(32))


def test_a_receipt_verifies_with_the_services_public_key(signer: ReceiptSigner) -> None:
    receipt = signer.sign(content_for(signer))
    assert verify_receipt(receipt, signer.public_key_b64)
    assert verify_receipt(
        Receipt.model_validate_json(receipt.model_dump_json()), signer.public_key_b64
    )


def test_changing_one_count_breaks_it(signer: ReceiptSigner) -> None:
    receipt = signer.sign(content_for(signer))
    tampered = receipt.model_copy(update={"rows_deleted": {"participant": 1, "answer_token": 13}})
    assert not verify_receipt(tampered, signer.public_key_b64)


def test_changing_one_byte_of_the_signature_breaks_it(signer: ReceiptSigner) -> None:
    receipt = signer.sign(content_for(signer))
    raw = bytearray(base64.b64decode(receipt.signature))
    raw[10] ^= 0x01
    tampered = receipt.model_copy(update={"signature": base64.b64encode(bytes(raw)).decode()})
    assert not verify_receipt(tampered, signer.public_key_b64)


def test_another_key_does_not_verify_it(signer: ReceiptSigner) -> None:
    receipt = signer.sign(content_for(signer))
    other = ReceiptSigner(secrets.token_bytes(32))
    assert not verify_receipt(receipt, other.public_key_b64)
    # Even under the other key's id, the signature does not hold.
    renamed = receipt.model_copy(update={"key_id": other.key_id})
    assert not verify_receipt(renamed, other.public_key_b64)
    assert not verify_receipt(receipt, "not base64!")


def test_the_key_id_follows_the_public_key() -> None:
    seed = secrets.token_bytes(32)
    signer = ReceiptSigner(seed)
    assert signer.key_id == ReceiptSigner(seed).key_id == key_id_of(signer.public_key)
    assert signer.key_id.startswith("ed25519-")
    assert len(signer.key_id) == len("ed25519-") + 16
    assert signer.key_id != ReceiptSigner(secrets.token_bytes(32)).key_id


def test_a_signer_signs_only_content_naming_its_key(signer: ReceiptSigner) -> None:
    content = content_for(signer).model_copy(update={"key_id": "ed25519-0000000000000000"})
    with pytest.raises(ValueError, match="names key"):
        signer.sign(content)


def test_a_seed_is_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        ReceiptSigner(b"short")
