"""Finding requests: what a caller may see, filtered, overdue first, then nearest due."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import ColumnElement, DateTime, Select, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import hold_audit_chain
from privacy.requests.models import (
    DataSubjectRequest,
    RequestTransition,
    RequestType,
    SubjectKind,
)
from privacy.requests.paging import Paging
from privacy.requests.states import OPEN, RequestState

R = DataSubjectRequest
_Row = TypeVar("_Row", bound=Any)


@dataclass(frozen=True)
class Scope:
    """The requests a caller may see: all (a privacy officer) or a client's participants'."""

    tenant_id: UUID | None = None
    subject_kind: SubjectKind | None = None

    @classmethod
    def privacy_officer(cls) -> "Scope":
        return cls()

    @classmethod
    def client_admin(cls, tenant_id: UUID) -> "Scope":
        """Q11: the client decides about its participants; its users' requests are Soket's."""
        return cls(tenant_id=tenant_id, subject_kind=SubjectKind.PARTICIPANT)

    def where(self, query: Select[_Row]) -> Select[_Row]:
        if self.tenant_id is not None:
            query = query.where(R.tenant_id == self.tenant_id)
        if self.subject_kind is not None:
            query = query.where(R.subject_kind == self.subject_kind)
        return query


@dataclass(frozen=True)
class RequestFilter:
    state: RequestState | None = None
    request_type: RequestType | None = None
    tenant_id: UUID | None = None
    overdue: bool | None = None
    due_within_days: int | None = None
    """Open, not overdue, and ``days_left`` (calendar days, UTC) at most this."""
    received_since: datetime | None = None


def is_open() -> ColumnElement[bool]:
    return R.state.in_([state.value for state in OPEN])


def effective_due(now: datetime) -> ColumnElement[datetime]:
    """The due moment as of ``now``: a paused clock pushes it along until verification."""
    moment = literal(now, DateTime(timezone=True))
    return case(
        (R.paused_since.is_(None), R.due_at),
        else_=R.due_at + (moment - R.paused_since),
    )


def is_overdue(now: datetime) -> ColumnElement[bool]:
    return is_open() & (effective_due(now) < literal(now, DateTime(timezone=True)))


def is_due_within(now: datetime, *, days: int) -> ColumnElement[bool]:
    """Open, not overdue, due before the first day (UTC) beyond ``days``: the requests whose
    ``days_left`` is ``days`` or fewer (the dashboard's ``due_soon`` for ``NEARLY_DUE_DAYS``)."""
    beyond = datetime.combine(now.astimezone(UTC).date() + timedelta(days=days + 1), time(0), UTC)
    due = effective_due(now)
    return (
        is_open()
        & (due >= literal(now, DateTime(timezone=True)))
        & (due < literal(beyond, DateTime(timezone=True)))
    )


async def request_page(
    session: AsyncSession,
    *,
    scope: Scope,
    filters: RequestFilter,
    paging: Paging,
    now: datetime,
) -> tuple[list[DataSubjectRequest], int]:
    """Open requests first, the overdue at the top, then by nearest due; then closed ones,
    latest closed first."""
    query = scope.where(select(R))
    if filters.state is not None:
        query = query.where(R.state == filters.state)
    if filters.request_type is not None:
        query = query.where(R.request_type == filters.request_type)
    if filters.tenant_id is not None:
        query = query.where(R.tenant_id == filters.tenant_id)
    if filters.overdue is not None:
        query = query.where(is_overdue(now) if filters.overdue else ~is_overdue(now))
    if filters.due_within_days is not None:
        query = query.where(is_due_within(now, days=filters.due_within_days))
    if filters.received_since is not None:
        query = query.where(R.received_at >= filters.received_since)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = query.order_by(
        case((is_open(), 0), else_=1),
        case((is_open(), effective_due(now))),
        R.closed_at.desc(),
        R.received_at,
        R.id,
    )
    rows = await session.scalars(page.offset(paging.offset).limit(paging.page_size))
    return list(rows), total or 0


async def find_request(
    session: AsyncSession, *, scope: Scope, request_id: UUID, for_update: bool = False
) -> DataSubjectRequest | None:
    """The request if the caller may see it; locked for the caller's transaction if asked."""
    query = scope.where(select(R).where(R.id == request_id))
    if for_update:
        await hold_audit_chain(session)
        query = query.with_for_update()
    found: DataSubjectRequest | None = await session.scalar(query)
    return found


async def transitions_of(session: AsyncSession, *, request_id: UUID) -> list[RequestTransition]:
    rows = await session.scalars(
        select(RequestTransition)
        .where(RequestTransition.request_id == request_id)
        .order_by(RequestTransition.at, RequestTransition.id)
    )
    return list(rows)
