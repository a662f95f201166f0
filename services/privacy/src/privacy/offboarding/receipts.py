"""A data service's signed receipt for a client's erasure (P12), verified and chained like a
data-subject request's (privacy/proofs), so the certificate is a proof bundle."""

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.receipts import verify_receipt
from contracts.events.receipt import Receipt, ReceiptScope
from privacy.audit.service import append_audit
from privacy.offboarding.models import ClientOffboarding
from privacy.proofs.digests import receipt_digest, receipt_json
from privacy.proofs.models import ServiceKey, StoredReceipt
from privacy.proofs.service import ReceiptRejected, UnknownReceiptKey
from privacy.requests.states import Actor


async def accept_tenant_receipt(
    session: AsyncSession, *, offboarding: ClientOffboarding, receipt: Receipt, now: datetime
) -> bool:
    """Verifies the receipt with its service's published key, stores it and chains it into the
    audit log; False when that service's receipt was already taken. ``UnknownReceiptKey``
    (worth retrying) or ``ReceiptRejected`` when it does not verify."""
    if receipt.request_id != offboarding.erasure_request_id:
        raise ReceiptRejected(f"the {receipt.service} receipt is for another request")
    if receipt.tenant_id != offboarding.tenant_id or receipt.subject_ref is not None:
        raise ReceiptRejected(f"the {receipt.service} receipt is not about this client")
    if receipt.scope is not ReceiptScope.TENANT_ERASURE:
        raise ReceiptRejected(f"the {receipt.service} receipt is not a client erasure's")
    key = await session.get(ServiceKey, (receipt.service, receipt.key_id))
    if key is None:
        raise UnknownReceiptKey(f"{receipt.service} has published no key {receipt.key_id}")
    if not verify_receipt(receipt, key.public_key):
        raise ReceiptRejected(
            f"the {receipt.service} receipt's signature does not verify with {receipt.key_id}"
        )
    content = receipt_json(receipt)
    digest = receipt_digest(content)
    inserted = await session.scalar(
        insert(StoredReceipt)
        .values(
            request_id=receipt.request_id,
            service=receipt.service,
            scope=receipt.scope,
            key_id=receipt.key_id,
            content=content,
            sha256=digest,
            accepted_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=[StoredReceipt.request_id, StoredReceipt.service, StoredReceipt.scope]
        )
        .returning(StoredReceipt.sha256)
    )
    if inserted is None:
        return False
    entry = await append_audit(
        session,
        action="receipt.accepted",
        actor=Actor.SYSTEM,
        at=now,
        request_id=receipt.request_id,
        details={
            "service": receipt.service,
            "scope": receipt.scope,
            "key_id": receipt.key_id,
            "receipt_sha256": digest,
        },
    )
    await session.execute(
        update(StoredReceipt)
        .where(
            StoredReceipt.request_id == receipt.request_id,
            StoredReceipt.service == receipt.service,
            StoredReceipt.scope == receipt.scope,
        )
        .values(audit_seq=entry.seq)
    )
    return True
