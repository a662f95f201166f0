"""Legal holds on a client or a person: they stop retention and erasure (P14)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from chassis.auth.dependencies import PrivacyOfficer
from chassis.database import SessionDep
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.holds import service
from privacy.holds.errors import HoldConflictError, HoldNotFoundError
from privacy.holds.schemas import Hold, HoldFields, HoldPage, ReleaseFields
from privacy.requests.paging import PagingDep

router = APIRouter(tags=["legal holds"])


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except HoldNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except HoldConflictError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None


@router.get("/holds")
async def list_holds(
    _officer: PrivacyOfficer,
    session: SessionDep,
    paging: PagingDep,
    active: Annotated[bool | None, Query(description="only standing (or released) holds")] = None,
    tenant_id: UUID | None = None,
) -> HoldPage:
    async with session.begin():
        items, total = await service.list_holds(
            session, paging=paging, active=active, tenant_id=tenant_id
        )
        return HoldPage(
            items=[Hold.of(hold) for hold in items],
            total=total,
            page=paging.page,
            page_size=paging.page_size,
        )


@router.post("/holds", status_code=status.HTTP_201_CREATED)
async def place_hold(
    officer: PrivacyOfficer, session: SessionDep, settings: SettingsDep, body: HoldFields, now: Now
) -> Hold:
    reference = body.subject_ref
    if body.email is not None:
        reference = subject_ref(
            subject_ref_key(settings), tenant_id=body.tenant_id, email=body.email
        )
    async with session.begin():
        hold = await service.place_hold(
            session,
            tenant_id=body.tenant_id,
            subject_ref=reference,
            reason=body.reason,
            owner=body.owner,
            officer_id=officer.user_id,
            now=now,
        )
        return Hold.of(hold)


@router.get("/holds/{hold_id}")
async def read_hold(_officer: PrivacyOfficer, session: SessionDep, hold_id: UUID) -> Hold:
    with _refusals():
        async with session.begin():
            return Hold.of(await service.find_hold(session, hold_id=hold_id))


@router.post("/holds/{hold_id}/release")
async def release_hold(
    officer: PrivacyOfficer,
    session: SessionDep,
    hold_id: UUID,
    now: Now,
    body: ReleaseFields | None = None,
) -> Hold:
    with _refusals():
        async with session.begin():
            hold = await service.release_hold(
                session,
                hold_id=hold_id,
                note=body.note if body else None,
                officer_id=officer.user_id,
                now=now,
            )
            return Hold.of(hold)
