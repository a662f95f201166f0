"""What a request's detail shows of each accepted receipt: its digest, its signature and the
hash of the audit entry that chained it, so staff need not search the audit log for them."""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.models import AuditEntry
from privacy.proofs.models import StoredReceipt


@dataclass(frozen=True)
class ReceiptProof:
    sha256: str
    """SHA-256 of the receipt's canonical JSON, as stored (and repeated in its audit entry)."""
    signature: str | None
    """The service's base64 Ed25519 signature, as stored with the receipt."""
    audit_hash: str | None
    """The hash of the ``receipt.accepted`` audit entry."""


async def receipt_proofs(session: AsyncSession, *, request_id: UUID) -> dict[int, ReceiptProof]:
    """The request's stored receipts by the ``seq`` of the audit entry that chained them."""
    rows = await session.execute(
        select(
            StoredReceipt.audit_seq, StoredReceipt.sha256, StoredReceipt.content, AuditEntry.hash
        )
        .outerjoin(AuditEntry, AuditEntry.seq == StoredReceipt.audit_seq)
        .where(StoredReceipt.request_id == request_id, StoredReceipt.audit_seq.is_not(None))
    )
    proofs: dict[int, ReceiptProof] = {}
    for seq, sha256, content, entry_hash in rows:
        if seq is None:
            continue
        signature = content.get("signature")
        proofs[seq] = ReceiptProof(
            sha256=sha256,
            signature=signature if isinstance(signature, str) else None,
            audit_hash=entry_hash,
        )
    return proofs
