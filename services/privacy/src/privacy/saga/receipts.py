"""An erasure job's receipt, handed to the proofs for verifying and chaining."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.receipt import Receipt
from privacy.proofs.service import ReceiptRejected, accept_receipt
from privacy.requests.models import DataSubjectRequest
from privacy.saga.models import ServiceJob


async def take_receipt(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    job: ServiceJob,
    receipt: Receipt,
    now: datetime,
) -> str | None:
    """Accepts the receipt for its job, which keeps it with its place in the audit chain.
    When it does not verify: why, and the job keeps it to try again (its key may come later);
    nothing the proofs began to write stays."""
    job.receipt = receipt.model_dump(mode="json")
    try:
        async with session.begin_nested():
            job.audit_seq = await accept_receipt(session, request=request, receipt=receipt, now=now)
    except ReceiptRejected as error:
        await session.refresh(request)
        await session.refresh(job)
        return f"receipt rejected: {error}" if str(error) else "receipt rejected"
    return None
