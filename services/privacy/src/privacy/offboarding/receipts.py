"""A data service's signed receipt for a client's erasure (P12), verified and chained like a
data-subject request's (privacy/proofs), so the certificate is a proof bundle."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.receipt import Receipt, ReceiptScope
from privacy.offboarding.models import ClientOffboarding
from privacy.proofs.service import ReceiptRejected, store_receipt


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
    return (await store_receipt(session, receipt=receipt, now=now)).new
