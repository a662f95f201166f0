from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class AcceptedReceipt:
    sha256: str
    audit_seq: int
    new: bool
    """False when the same service's receipt of that scope was already stored."""


async def accept_receipt(
    session: AsyncSession, *, request: DataSubjectRequest, receipt: Receipt, now: datetime
) -> int:
    """Verifies the receipt with the key its service published, stores it and chains it into
    the audit log; its audit ``seq``. ``ReceiptRejected`` when it does not verify."""
    _check_about(request, receipt)
    return (await store_receipt(session, receipt=receipt, now=now)).audit_seq


async def store_receipt(
    session: AsyncSession,
    *,
    receipt: Receipt,
    now: datetime,
    audit_details: Mapping[str, str] | None = None,
) -> AcceptedReceipt:
    """Verifies the receipt's signature with the key its service published, stores it under
    its request id and chains it into the audit log, once per service and scope; the caller
    has checked what it is about. ``UnknownReceiptKey`` while the key has not arrived (worth
    retrying), ``ReceiptRejected`` when it does not verify."""
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
    where = (
        StoredReceipt.request_id == receipt.request_id,
        StoredReceipt.service == receipt.service,
        StoredReceipt.scope == receipt.scope,
    )
    if inserted is None:
        kept = (
            await session.execute(
                select(StoredReceipt.sha256, StoredReceipt.audit_seq).where(*where)
            )
        ).one()
        if kept.audit_seq is None:
            raise RuntimeError("a stored receipt without its audit entry")
        return AcceptedReceipt(sha256=kept.sha256, audit_seq=kept.audit_seq, new=False)
    entry = await append_audit(
        session,
        action="receipt.accepted",
        actor=Actor.SYSTEM,
        at=now,
        request_id=receipt.request_id,
        details={
            **(audit_details or {}),
            "service": receipt.service,
            "scope": receipt.scope,
            "key_id": receipt.key_id,
            "receipt_sha256": digest,
        },
    )
    await session.execute(update(StoredReceipt).where(*where).values(audit_seq=entry.seq))
    return AcceptedReceipt(sha256=digest, audit_seq=entry.seq, new=True)


def _check_about(request: DataSubjectRequest, receipt: Receipt) -> None:
    if receipt.request_id != request.id:
        raise ReceiptRejected(f"the {receipt.service} receipt is for another request")
    if receipt.tenant_id != request.tenant_id:
        raise ReceiptRejected(f"the {receipt.service} receipt is about another client")
    if receipt.subject_ref != request.subject_ref:
        raise ReceiptRejected(f"the {receipt.service} receipt is about another person")
