"""A retention run's receipt: verified with its service's published key, stored beside the
requests' receipts and chained into the audit log (as the proofs do for erasures)."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.receipts import verify_receipt
from contracts.events.receipt import Receipt, ReceiptScope
from privacy.audit.service import append_audit
from privacy.proofs.digests import receipt_digest, receipt_json
from privacy.proofs.models import ServiceKey, StoredReceipt
from privacy.proofs.service import ReceiptRejected, UnknownReceiptKey
from privacy.requests.states import Actor
from privacy.retention.models import RetentionRun


async def accept_run_receipt(
    session: AsyncSession, *, run: RetentionRun, receipt: Receipt, now: datetime
) -> tuple[str, int]:
    """The receipt's digest and audit ``seq``; ``UnknownReceiptKey`` while its service's key
    has not arrived (worth retrying), ``ReceiptRejected`` when it does not verify."""
    _check_about(run, receipt)
    key = await session.get(ServiceKey, (receipt.service, receipt.key_id))
    if key is None:
        raise UnknownReceiptKey(f"{receipt.service} has published no key {receipt.key_id}")
    if not verify_receipt(receipt, key.public_key):
        raise ReceiptRejected(
            f"the {receipt.service} receipt's signature does not verify with {receipt.key_id}"
        )
    content = receipt_json(receipt)
    digest = receipt_digest(content)
    where = (
        StoredReceipt.request_id == run.id,
        StoredReceipt.service == receipt.service,
        StoredReceipt.scope == receipt.scope,
    )
    inserted = await session.scalar(
        insert(StoredReceipt)
        .values(
            request_id=run.id,
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
        kept = (
            await session.execute(
                select(StoredReceipt.sha256, StoredReceipt.audit_seq).where(*where)
            )
        ).one()
        return kept.sha256, kept.audit_seq or 0
    entry = await append_audit(
        session,
        action="receipt.accepted",
        actor=Actor.SYSTEM,
        at=now,
        request_id=run.id,
        details={
            "retention_run": str(run.id),
            "service": receipt.service,
            "scope": receipt.scope,
            "key_id": receipt.key_id,
            "receipt_sha256": digest,
        },
    )
    await session.execute(update(StoredReceipt).where(*where).values(audit_seq=entry.seq))
    return digest, entry.seq


def _check_about(run: RetentionRun, receipt: Receipt) -> None:
    if receipt.request_id != run.id or receipt.scope is not ReceiptScope.RETENTION:
        raise ReceiptRejected(f"the {receipt.service} receipt is not for this retention run")
    if receipt.tenant_id != run.tenant_id or receipt.subject_ref is not None:
        raise ReceiptRejected(f"the {receipt.service} receipt is about other data")
