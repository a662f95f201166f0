"""A request's proof bundle: everything ``verify-bundle`` needs, and nothing that names anyone."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.models import AuditEntry
from privacy.audit.service import audit_content
from privacy.proofs.bundle_check import BUNDLE_FORMAT
from privacy.proofs.models import ServiceKey, StoredReceipt
from privacy.requests.models import DataSubjectRequest


async def proof_bundle(
    session: AsyncSession, *, request: DataSubjectRequest, now: datetime
) -> dict[str, Any]:
    """The request (no email), its receipts, the audit entries of the request and of the keys
    that signed them, and those public keys: JSON values."""
    receipts = list(
        await session.scalars(
            select(StoredReceipt)
            .where(StoredReceipt.request_id == request.id)
            .order_by(StoredReceipt.service, StoredReceipt.scope)
        )
    )
    return {
        "format": BUNDLE_FORMAT,
        "generated_at": now.isoformat(),
        "request": _request(request),
        **await proof_sections(session, request_id=request.id, receipts=receipts),
    }


async def proof_sections(
    session: AsyncSession, *, request_id: UUID, receipts: list[StoredReceipt]
) -> dict[str, Any]:
    """A bundle's ``receipts``, the public ``keys`` that signed them, and the ``audit`` entries
    of the request and of those keys."""
    used = {(receipt.service, receipt.key_id) for receipt in receipts}
    keys = (
        list(
            await session.scalars(
                select(ServiceKey)
                .where(tuple_(ServiceKey.service, ServiceKey.key_id).in_(sorted(used)))
                .order_by(ServiceKey.service, ServiceKey.key_id)
            )
        )
        if used
        else []
    )
    key_entries = [key.audit_seq for key in keys if key.audit_seq is not None]
    entries = await session.scalars(
        select(AuditEntry)
        .where(or_(AuditEntry.request_id == request_id, AuditEntry.seq.in_(key_entries)))
        .order_by(AuditEntry.seq)
    )
    return {
        "receipts": [
            {
                "service": r.service,
                "audit_seq": r.audit_seq,
                "sha256": r.sha256,
                "receipt": r.content,
            }
            for r in receipts
        ],
        "keys": [
            {
                "service": key.service,
                "key_id": key.key_id,
                "algorithm": key.algorithm,
                "public_key": key.public_key,
                "valid_from": key.valid_from.isoformat(),
                "audit_seq": key.audit_seq,
            }
            for key in keys
        ],
        "audit": [audit_content(entry) for entry in entries],
    }


def bundle_filename(request: DataSubjectRequest) -> str:
    return f"proof-bundle-{request.reference}.json"


def _request(request: DataSubjectRequest) -> dict[str, Any]:
    return {
        "id": str(request.id),
        "reference": request.reference,
        "type": request.request_type,
        "subject_kind": request.subject_kind,
        "tenant_id": str(request.tenant_id) if request.tenant_id else None,
        "subject_ref": request.subject_ref,
        "state": request.state,
        "received_at": _moment(request.received_at),
        "due_at": _moment(request.due_at),
        "decided_at": _moment(request.decided_at),
        "closed_at": _moment(request.closed_at),
    }


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
