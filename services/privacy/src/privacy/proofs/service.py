from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.receipts import verify_receipt
from contracts.events.receipt import Receipt
from privacy.audit.service import append_audit
from privacy.proofs.digests import receipt_digest, receipt_json
from privacy.proofs.models import ServiceKey, StoredReceipt
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import Actor


class ReceiptRejected(Exception):  # noqa: N818 - says what happened to the receipt
    """The receipt does not verify with its service's published key (or the key is unknown)."""


class UnknownReceiptKey(ReceiptRejected):
    """The receipt names a key its service has not (yet) published: its ``keys.published``
    event travels on another queue and may arrive later, so this one is worth retrying."""


async def accept_receipt(
    session: AsyncSession, *, request: DataSubjectRequest, receipt: Receipt, now: datetime
) -> int:
    """Verifies the receipt with the key its service published, stores it and chains it into
    the audit log; its audit ``seq``. ``ReceiptRejected`` when it does not verify."""
    _check_about(request, receipt)
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
            request_id=request.id,
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
    where = (
        StoredReceipt.request_id == request.id,
        StoredReceipt.service == receipt.service,
        StoredReceipt.scope == receipt.scope,
    )
    if inserted is None:
        kept = await session.scalar(select(StoredReceipt.audit_seq).where(*where))
        if kept is None:
            raise RuntimeError("a stored receipt without its audit entry")
        return kept
    entry = await append_audit(
        session,
        action="receipt.accepted",
        actor=Actor.SYSTEM,
        at=now,
        request_id=request.id,
        details={
            "service": receipt.service,
            "scope": receipt.scope,
            "key_id": receipt.key_id,
            "receipt_sha256": digest,
        },
    )
    await session.execute(update(StoredReceipt).where(*where).values(audit_seq=entry.seq))
    return entry.seq


def _check_about(request: DataSubjectRequest, receipt: Receipt) -> None:
    if receipt.request_id != request.id:
        raise ReceiptRejected(f"the {receipt.service} receipt is for another request")
    if receipt.tenant_id != request.tenant_id:
        raise ReceiptRejected(f"the {receipt.service} receipt is about another client")
    if receipt.subject_ref != request.subject_ref:
        raise ReceiptRejected(f"the {receipt.service} receipt is about another person")
