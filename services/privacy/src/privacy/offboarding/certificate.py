"""The certificate of deletion of a client (P12): a proof bundle of the client's erasure
(``soket.proof-bundle.v1``, so ``./soket privacy verify-bundle`` checks its receipts, keys and
audit chain) with a ``certificate`` section that states what was erased, when, and when the
last backup that may hold the client expires.

It names the client by its id and by a SHA-256 of ``"<tenant_id>:<organisation name>"``: the
name itself is erased with everything else, and the client can still recognise itself.
"""

import hashlib
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.vocabulary import DataService
from privacy.offboarding.backup_expiry import BackupExpiry
from privacy.offboarding.models import ClientOffboarding
from privacy.proofs.bundle import proof_sections
from privacy.proofs.bundle_check import BUNDLE_FORMAT
from privacy.proofs.models import StoredReceipt

CERTIFICATE_FORMAT: Final = "soket.deletion-certificate.v1"
REQUEST_TYPE: Final = "client_offboarding"


def organisation_digest(*, tenant_id: str, organisation_name: str) -> str:
    return hashlib.sha256(f"{tenant_id}:{organisation_name}".encode()).hexdigest()


async def erasure_receipts(
    session: AsyncSession, *, offboarding: ClientOffboarding
) -> list[StoredReceipt]:
    found = await session.scalars(
        select(StoredReceipt)
        .where(StoredReceipt.request_id == offboarding.erasure_request_id)
        .order_by(StoredReceipt.service)
    )
    return list(found)


def every_service_answered(receipts: list[StoredReceipt]) -> bool:
    return {receipt.service for receipt in receipts} >= {service.value for service in DataService}


async def certificate_of_deletion(
    session: AsyncSession,
    *,
    offboarding: ClientOffboarding,
    organisation_sha256: str | None,
    backups: BackupExpiry,
    now: datetime,
) -> dict[str, Any]:
    """The certificate as JSON values, built from the stored receipts, keys and audit log."""
    receipts = await erasure_receipts(session, offboarding=offboarding)
    return {
        "format": BUNDLE_FORMAT,
        "generated_at": now.isoformat(),
        "request": {
            "id": str(offboarding.erasure_request_id),
            "reference": offboarding.reference,
            "type": REQUEST_TYPE,
            "subject_kind": "client",
            "tenant_id": str(offboarding.tenant_id),
            "subject_ref": None,
            "state": "erased",
            "received_at": offboarding.requested_at.isoformat(),
            "due_at": offboarding.erase_on.isoformat(),
            "decided_at": _moment(offboarding.export_offered_at),
            "closed_at": now.isoformat(),
        },
        "certificate": {
            "format": CERTIFICATE_FORMAT,
            "statement": (
                "Every data service of Soket erased every row of this client and signed a "
                "receipt of what it deleted; the receipts below verify with the services' "
                "published keys. Backups taken before the erasure expire (and are deleted) "
                "by the date given; a restore before then re-applies this erasure."
            ),
            "client": {
                "tenant_id": str(offboarding.tenant_id),
                "organisation_name_sha256": organisation_sha256,
            },
            "offboarding_reference": offboarding.reference,
            "requested_at": offboarding.requested_at.isoformat(),
            "export_offered_at": _moment(offboarding.export_offered_at),
            "erased_at": now.isoformat(),
            "services": [
                {
                    "service": receipt.service,
                    "completed_at": receipt.content.get("completed_at"),
                    "rows_deleted": receipt.content.get("rows_deleted"),
                    "receipt_sha256": receipt.sha256,
                }
                for receipt in receipts
            ],
            "last_backup_expires_at": _moment(backups.expires_at),
            "last_backup_expiry_basis": backups.basis,
        },
        **await proof_sections(
            session, request_id=offboarding.erasure_request_id, receipts=receipts
        ),
    }


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
