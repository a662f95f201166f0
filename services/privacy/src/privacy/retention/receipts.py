"""A retention run's receipt: verified with its service's published key, stored beside the
requests' receipts and chained into the audit log (as the proofs do for erasures)."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.receipt import Receipt, ReceiptScope
from privacy.proofs.service import ReceiptRejected, store_receipt
from privacy.retention.models import RetentionRun


async def accept_run_receipt(
    session: AsyncSession, *, run: RetentionRun, receipt: Receipt, now: datetime
) -> tuple[str, int]:
    """The receipt's digest and audit ``seq``; ``UnknownReceiptKey`` while its service's key
    has not arrived (worth retrying), ``ReceiptRejected`` when it does not verify."""
    if receipt.request_id != run.id or receipt.scope is not ReceiptScope.RETENTION:
        raise ReceiptRejected(f"the {receipt.service} receipt is not for this retention run")
    if receipt.tenant_id != run.tenant_id or receipt.subject_ref is not None:
        raise ReceiptRejected(f"the {receipt.service} receipt is about other data")
    accepted = await store_receipt(
        session, receipt=receipt, now=now, audit_details={"retention_run": str(run.id)}
    )
    return accepted.sha256, accepted.audit_seq
