"""Proof bundles (privacy officer; a client admin for its own client's requests) and the
audit log (privacy officer)."""

import json
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.dependencies import ClientAdmin, PrivacyOfficer
from chassis.auth.principal import Principal
from chassis.database import SessionDep
from privacy.audit.staff import audit_staff_action
from privacy.clock import Now
from privacy.proofs.audit_log import audit_page, verify_audit_chain
from privacy.proofs.bundle import bundle_filename, proof_bundle
from privacy.requests.models import DataSubjectRequest

router = APIRouter(tags=["proofs"])

MAX_PAGE_SIZE = 500


@router.get("/requests/{request_id}/proof-bundle")
async def officer_proof_bundle(
    request_id: UUID, session: SessionDep, now: Now, officer: PrivacyOfficer
) -> Response:
    """The request's receipts, their audit entries and the keys that verify them (a download)."""
    async with session.begin():
        return await _bundle_download(
            session, request_id=request_id, tenant_id=None, now=now, staff=officer
        )


@router.get("/client/requests/{request_id}/proof-bundle")
async def client_proof_bundle(
    request_id: UUID, session: SessionDep, now: Now, admin: ClientAdmin
) -> Response:
    """The same, for a request about one of this client's people (404 for any other)."""
    async with session.begin():
        return await _bundle_download(
            session, request_id=request_id, tenant_id=admin.tenant_id, now=now, staff=admin
        )


@router.get("/audit")
async def audit_log(
    session: SessionDep,
    _officer: PrivacyOfficer,
    page: Annotated[int, Query(ge=1, description="1 for the first page")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> dict[str, Any]:
    """The audit log, newest first; each entry with its previous hash and hash."""
    async with session.begin():
        items, total = await audit_page(session, page=page, page_size=page_size)
    return {"items": items, "total": total, "page": page, "page_size": page_size}


@router.get("/audit/verification")
async def audit_verification(session: SessionDep, _officer: PrivacyOfficer) -> dict[str, Any]:
    """Walks the whole chain: intact, or the seq of the first entry that breaks it."""
    async with session.begin():
        verification = await verify_audit_chain(session)
    return {
        "intact": verification.intact,
        "first_break": verification.first_break,
        "entries": verification.entries,
    }


async def _bundle_download(
    session: AsyncSession,
    *,
    request_id: UUID,
    tenant_id: UUID | None,
    now: datetime,
    staff: Principal,
) -> Response:
    request = await session.get(DataSubjectRequest, request_id)
    if request is None or (tenant_id is not None and request.tenant_id != tenant_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such request.")
    bundle = await proof_bundle(session, request=request, now=now)
    await audit_staff_action(  # after the bundle is built: it holds the chain up to here
        session,
        principal=staff,
        action="proof_bundle.downloaded",
        at=now,
        request_id=request.id,
        details={"receipts": len(bundle["receipts"]), "audit_entries": len(bundle["audit"])},
    )
    return Response(
        json.dumps(bundle, indent=2, sort_keys=True).encode(),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{bundle_filename(request)}"',
            "Cache-Control": "no-store",
        },
    )
