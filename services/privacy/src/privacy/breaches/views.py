"""The breach register, its 72-hour clock, the report and the notices (Q10)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.dependencies import PrivacyOfficer
from chassis.database import SessionDep
from privacy.breaches import notices, service
from privacy.breaches.models import Breach
from privacy.breaches.reading import breach_summary, breach_view
from privacy.breaches.report import BreachReport, breach_report, report_markdown
from privacy.breaches.schemas import (
    AuthorityNotification,
    BreachFields,
    BreachPage,
    BreachView,
    NoticeCounts,
    NoticeOrder,
)
from privacy.breaches.service import BreachInputError, BreachNotFoundError
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.requests.paging import PagingDep
from privacy.settings import Settings

router = APIRouter(tags=["breaches"])


@asynccontextmanager
async def _refusals() -> AsyncIterator[None]:
    try:
        yield
    except BreachNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except BreachInputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None


async def _current_view(
    session: SessionDep, breach_id: UUID, settings: SettingsDep, now: Now
) -> BreachView:
    """The breach of the path as it stands now (404 when there is none)."""
    async with _refusals(), session.begin():
        breach = await service.get_breach(session, breach_id=breach_id)
        return await breach_view(session, breach=breach, settings=settings, now=now)


CurrentView = Annotated[BreachView, Depends(_current_view)]


@router.get("/breaches")
async def list_breaches(
    _officer: PrivacyOfficer,
    session: SessionDep,
    paging: PagingDep,
    settings: SettingsDep,
    now: Now,
    open_only: Annotated[
        bool | None,
        Query(
            alias="open",
            description="true: only those not yet notified to the supervisory authority, "
            "nearest their deadline first (the overdue at the top); false: only the notified",
        ),
    ] = None,
) -> BreachPage:
    async with session.begin():
        items, total = await service.list_breaches(session, paging=paging, open_only=open_only)
    return BreachPage(
        items=[breach_summary(breach, settings=settings, now=now) for breach in items],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.post("/breaches", status_code=status.HTTP_201_CREATED)
async def record_breach(
    officer: PrivacyOfficer,
    session: SessionDep,
    fields: BreachFields,
    settings: SettingsDep,
    now: Now,
) -> BreachView:
    async with _refusals(), session.begin():
        breach = await service.record_breach(
            session, fields=fields, officer_id=officer.user_id, now=now
        )
        return await _view(session, breach, settings, now)


@router.get("/breaches/{breach_id}")
async def read_breach(_officer: PrivacyOfficer, view: CurrentView) -> BreachView:
    return view


@router.put("/breaches/{breach_id}")
async def update_breach(
    officer: PrivacyOfficer,
    session: SessionDep,
    breach_id: UUID,
    fields: BreachFields,
    settings: SettingsDep,
    now: Now,
) -> BreachView:
    async with _refusals(), session.begin():
        breach = await service.update_breach(
            session, breach_id=breach_id, fields=fields, officer_id=officer.user_id, now=now
        )
        return await _view(session, breach, settings, now)


@router.post("/breaches/{breach_id}/authority-notification")
async def record_authority_notification(
    officer: PrivacyOfficer,
    session: SessionDep,
    breach_id: UUID,
    notification: AuthorityNotification,
    settings: SettingsDep,
    now: Now,
) -> BreachView:
    async with _refusals(), session.begin():
        breach = await service.record_authority_notification(
            session,
            breach_id=breach_id,
            notification=notification,
            officer_id=officer.user_id,
            now=now,
            options=settings.breaches,
        )
        return await _view(session, breach, settings, now)


@router.post("/breaches/{breach_id}/census", status_code=status.HTTP_202_ACCEPTED)
async def recount_people(
    _officer: PrivacyOfficer,
    session: SessionDep,
    breach_id: UUID,
    settings: SettingsDep,
    now: Now,
) -> BreachView:
    """Asks the data services to count the affected people again."""
    async with _refusals(), session.begin():
        breach = await service.breach_for_update(session, breach_id=breach_id)
        await service.request_census(session, breach=breach, now=now)
        return await _view(session, breach, settings, now)


@router.get("/breaches/{breach_id}/report")
async def read_report(_officer: PrivacyOfficer, view: CurrentView) -> BreachReport:
    """Every field GDPR art. 33(3) requires, with the timing of art. 33(1)."""
    return breach_report(view)


@router.get("/breaches/{breach_id}/report.md")
async def read_report_markdown(_officer: PrivacyOfficer, view: CurrentView) -> Response:
    return Response(report_markdown(breach_report(view)), media_type="text/markdown; charset=utf-8")


@router.post("/breaches/{breach_id}/notices", status_code=status.HTTP_202_ACCEPTED)
async def send_notices(
    officer: PrivacyOfficer,
    session: SessionDep,
    breach_id: UUID,
    order: NoticeOrder,
    settings: SettingsDep,
    now: Now,
) -> NoticeCounts:
    """Tells the affected clients' users and/or participants (art. 34) through delivery."""
    async with _refusals(), session.begin():
        await notices.send_notices(
            session,
            breach_id=breach_id,
            order=order,
            contact=settings.data_protection_contact,
            officer_id=officer.user_id,
            now=now,
        )
        return await notices.notice_counts(session, breach_id=breach_id)


@router.get("/breaches/{breach_id}/notices")
async def read_notice_counts(
    _officer: PrivacyOfficer, session: SessionDep, breach_id: UUID
) -> NoticeCounts:
    async with _refusals(), session.begin():
        await service.get_breach(session, breach_id=breach_id)
        return await notices.notice_counts(session, breach_id=breach_id)


async def _view(
    session: AsyncSession, breach: Breach, settings: Settings, now: datetime
) -> BreachView:
    await session.flush()
    await session.refresh(breach)
    return await breach_view(session, breach=breach, settings=settings, now=now)
