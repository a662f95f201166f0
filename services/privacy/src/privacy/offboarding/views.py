"""A client's offboarding: the offered export, the erasure, the certificate (P12)."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Response, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.dependencies import ClientAdmin, PrivacyOfficer
from chassis.database import SessionDep
from privacy.audit.service import append_audit, hold_audit_chain
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.exports.links import DownloadLinkKeyMissing
from privacy.exports.models import ExportArchive
from privacy.offboarding.errors import OffboardingConflict, OffboardingInputError
from privacy.offboarding.links import offboarding_signature_holds
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.offboarding.schemas import ErasureDateBody, OffboardingOut, OffboardingPage
from privacy.offboarding.service import (
    agree_erasure_date,
    offboarding_by_id,
    offboarding_of,
    offboarding_page,
)
from privacy.proofs.models import StoredReceipt
from privacy.requests.paging import PagingDep
from privacy.requests.states import Actor
from privacy.settings import Settings

router = APIRouter(tags=["offboarding"])

_NONE = "This client has not asked to end its contract."
_NOT_FOUND = "No such offboarding."
_GONE = "The copy is no longer kept: the client's data has been erased."
_NO_CERTIFICATE = (
    "The certificate is issued once every service has confirmed the erasure; try again later."
)


@asynccontextmanager
async def _refusals() -> AsyncIterator[None]:
    try:
        yield
    except OffboardingInputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
    except OffboardingConflict as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None


async def _out(session: AsyncSession, offboarding: ClientOffboarding) -> OffboardingOut:
    answered = await session.scalars(
        select(StoredReceipt.service)
        .where(StoredReceipt.request_id == offboarding.erasure_request_id)
        .order_by(StoredReceipt.service)
    )
    return OffboardingOut.of(offboarding, answered=list(answered))


async def _by_id(
    session: AsyncSession, offboarding_id: UUID, *, lock: bool = False
) -> ClientOffboarding:
    found = await offboarding_by_id(session, offboarding_id=offboarding_id, lock=lock)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, _NOT_FOUND)
    return found


async def _of_client(
    session: AsyncSession, tenant_id: UUID | None, *, lock: bool = False
) -> ClientOffboarding:
    found = await offboarding_of(session, tenant_id=_tenant(tenant_id), lock=lock)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, _NONE)
    return found


async def _certified(session: AsyncSession, offboarding_id: UUID) -> ClientOffboarding:
    found = await _by_id(session, offboarding_id)
    if found.certificate is None:
        raise HTTPException(status.HTTP_409_CONFLICT, _NO_CERTIFICATE)
    return found


async def _agree(
    session: AsyncSession,
    offboarding: ClientOffboarding,
    body: ErasureDateBody,
    actor: Actor,
    actor_id: UUID,
    settings: Settings,
    now: datetime,
) -> OffboardingOut:
    await agree_erasure_date(
        session,
        offboarding=offboarding,
        erase_on=body.erase_on,
        actor=actor,
        actor_id=actor_id,
        settings=settings,
        now=now,
    )
    return await _out(session, offboarding)


# Privacy officer


@router.get("/offboardings")
async def list_offboardings(
    officer: PrivacyOfficer,
    session: SessionDep,
    paging: PagingDep,
    state: OffboardingState | None = None,
    pending: Annotated[
        bool | None,
        Query(description="true: only those not yet erased (every state before erased)"),
    ] = None,
) -> OffboardingPage:
    async with session.begin():
        rows, total = await offboarding_page(session, paging=paging, state=state, pending=pending)
        items = [await _out(session, row) for row in rows]
    return OffboardingPage(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.get("/offboardings/{offboarding_id}")
async def get_offboarding(
    offboarding_id: UUID, officer: PrivacyOfficer, session: SessionDep
) -> OffboardingOut:
    async with session.begin():
        return await _out(session, await _by_id(session, offboarding_id))


@router.put("/offboardings/{offboarding_id}/erasure-date")
async def agree_officer_date(
    offboarding_id: UUID,
    body: ErasureDateBody,
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> OffboardingOut:
    async with _refusals(), session.begin():
        await hold_audit_chain(session)
        found = await _by_id(session, offboarding_id, lock=True)
        return await _agree(
            session, found, body, Actor.PRIVACY_OFFICER, officer.user_id, settings, now
        )


@router.get(
    "/offboardings/{offboarding_id}/certificate",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, 404: {}, 409: {}},
)
async def officer_certificate(
    offboarding_id: UUID, officer: PrivacyOfficer, session: SessionDep, now: Now
) -> Response:
    async with session.begin():
        found = await _certified(session, offboarding_id)
        await append_audit(
            session,
            action="offboarding.certificate_downloaded",
            actor=Actor.PRIVACY_OFFICER,
            actor_id=officer.user_id,
            at=now,
            request_id=found.erasure_request_id,
            details={"offboarding": found.reference},
        )
        return _certificate_response(found)


# The client's admin


@router.get("/client/offboarding")
async def get_client_offboarding(admin: ClientAdmin, session: SessionDep) -> OffboardingOut:
    async with session.begin():
        return await _out(session, await _of_client(session, admin.tenant_id))


@router.put("/client/offboarding/erasure-date")
async def agree_client_date(
    body: ErasureDateBody,
    admin: ClientAdmin,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> OffboardingOut:
    async with _refusals(), session.begin():
        await hold_audit_chain(session)
        found = await _of_client(session, admin.tenant_id, lock=True)
        return await _agree(session, found, body, Actor.CLIENT_ADMIN, admin.user_id, settings, now)


# The client's address from the offer (signed link, no token)

Signature = Annotated[str, Query(min_length=1, max_length=128)]


@router.get(
    "/offboarding/{offboarding_id}/export",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}, 403: {}, 409: {}, 410: {}},
)
async def download_client_export(
    offboarding_id: UUID,
    signature: Signature,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> Response:
    """The client's whole export, from the offer's link, until the client is erased."""
    _check_signature(settings, offboarding_id=offboarding_id, signature=signature)
    async with session.begin():
        await hold_audit_chain(session)
        found = await _by_id(session, offboarding_id)
        if found.export_offered_at is None:
            raise HTTPException(status.HTTP_409_CONFLICT, "The copy is still being assembled.")
        archive = await session.get(ExportArchive, found.export_request_id)
        if archive is None or archive.content is None:
            raise HTTPException(status.HTTP_410_GONE, _GONE)
        await append_audit(
            session,
            action="offboarding.export_downloaded",
            actor=Actor.CLIENT_ADMIN,
            at=now,
            request_id=found.export_request_id,
            details={"offboarding": found.reference, "sha256": archive.sha256},
        )
        content = archive.content
    return Response(
        content,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="soket-{found.reference}.zip"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "/offboarding/{offboarding_id}/certificate",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, 403: {}, 409: {}},
)
async def client_certificate(
    offboarding_id: UUID, signature: Signature, session: SessionDep, settings: SettingsDep
) -> Response:
    """The certificate of deletion, from the address the offer (and the erasure notice) gave."""
    _check_signature(settings, offboarding_id=offboarding_id, signature=signature)
    async with session.begin():
        return _certificate_response(await _certified(session, offboarding_id))


def _check_signature(settings: Any, *, offboarding_id: UUID, signature: str) -> None:
    try:
        genuine = offboarding_signature_holds(
            settings, offboarding_id=offboarding_id, signature=signature
        )
    except DownloadLinkKeyMissing:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, "Downloads are not configured here yet."
        ) from None
    if not genuine:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This link is not valid.")


def _certificate_response(offboarding: ClientOffboarding) -> Response:
    return Response(
        json.dumps(offboarding.certificate, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": (
                f'attachment; filename="certificate-of-deletion-{offboarding.reference}.json"'
            ),
            "Cache-Control": "no-store",
        },
    )


def _tenant(tenant_id: UUID | None) -> UUID:
    if tenant_id is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's admin may do this.")
    return tenant_id
