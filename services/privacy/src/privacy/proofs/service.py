from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.receipt import Receipt
from privacy.requests.models import DataSubjectRequest


class ReceiptRejected(Exception):  # noqa: N818 - says what happened to the receipt
    """The receipt does not verify with its service's published key (or the key is unknown)."""


async def accept_receipt(
    session: AsyncSession, *, request: DataSubjectRequest, receipt: Receipt, now: datetime
) -> int:
    """Verifies the receipt with the key its service published, stores it and chains it into
    the audit log; its audit ``seq``. ``ReceiptRejected`` when it does not verify."""
    raise NotImplementedError("proofs: being built")
