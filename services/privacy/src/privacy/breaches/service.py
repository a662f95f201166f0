"""Recording and editing breaches; every change is audited (Q10, Q15)."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.privacy import CensusRequested
from contracts.events.privacy_replies import CensusReported
from contracts.ids import uuid7
from privacy.audit.service import append_audit, hold_audit_chain
from privacy.breaches.deadline import deadline_of
from privacy.breaches.models import Breach, BreachCensusReply
from privacy.breaches.options import BreachOptions
from privacy.breaches.schemas import AuthorityNotification, BreachFields
from privacy.register.models import RegisterActivity
from privacy.requests.paging import Paging
from privacy.requests.states import Actor

CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of the service's clock an officer's stated time may be."""


class BreachNotFoundError(LookupError):
    pass


class BreachInputError(ValueError):
    pass


async def record_breach(
    session: AsyncSession, *, fields: BreachFields, officer_id: UUID, now: datetime
) -> Breach:
    """A new breach; asks the data services to count the people it may concern."""
    await hold_audit_chain(session)
    _check_not_future(fields.discovered_at, now=now, what="discovered_at")
    breach = Breach(id=uuid7(), recorded_by=officer_id, recorded_at=now, escalated_marks=[])
    breach.reference = f"BR-{fields.discovered_at:%Y%m%d}-{breach.id.hex[-6:].upper()}"
    await _apply(session, breach=breach, fields=fields)
    session.add(breach)
    await request_census(session, breach=breach, now=now)
    await _audit(session, "recorded", breach, officer_id, now, {"fields": _field_names(fields)})
    return breach


async def update_breach(
    session: AsyncSession,
    *,
    breach_id: UUID,
    fields: BreachFields,
    officer_id: UUID,
    now: datetime,
) -> Breach:
    """Replaces the recorded fields; a new census when the clients or categories changed."""
    await hold_audit_chain(session)
    breach = await breach_for_update(session, breach_id=breach_id)
    _check_not_future(fields.discovered_at, now=now, what="discovered_at")
    before = _snapshot(breach)
    await _apply(session, breach=breach, fields=fields)
    changed = sorted(name for name, value in _snapshot(breach).items() if before[name] != value)
    if {"tenant_ids", "data_categories"} & set(changed):
        await request_census(session, breach=breach, now=now)
    await _audit(session, "updated", breach, officer_id, now, {"changed": changed})
    return breach


async def record_authority_notification(
    session: AsyncSession,
    *,
    breach_id: UUID,
    notification: AuthorityNotification,
    officer_id: UUID,
    now: datetime,
    options: BreachOptions,
) -> Breach:
    """The authority was notified; later than the deadline only with the reasons (art. 33(1))."""
    await hold_audit_chain(session)
    breach = await breach_for_update(session, breach_id=breach_id)
    _check_not_future(notification.notified_at, now=now, what="notified_at")
    if notification.notified_at < breach.discovered_at:
        raise BreachInputError("notified_at is before the breach was discovered")
    late = notification.notified_at > deadline_of(breach, options=options)
    if late and not notification.delay_reasons:
        raise BreachInputError(
            f"notified more than {options.authority_deadline_hours} hours after discovery: "
            "give the reasons for the delay (delay_reasons)"
        )
    breach.authority_notified_at = notification.notified_at
    breach.authority_reference = notification.reference
    breach.delay_reasons = notification.delay_reasons
    await _audit(
        session,
        "authority_notified",
        breach,
        officer_id,
        now,
        {"notified_at": notification.notified_at.isoformat(), "late": late},
    )
    return breach


async def request_census(session: AsyncSession, *, breach: Breach, now: datetime) -> None:
    """Asks every data service to count the affected clients' people; earlier replies stop
    counting toward the estimate."""
    breach.census_request_id = uuid7()
    breach.census_requested_at = now
    await publish(
        session,
        CensusRequested(
            request_id=breach.census_request_id,
            tenant_ids=[UUID(tenant) for tenant in breach.tenant_ids],
        ),
    )


async def record_census_reply(
    session: AsyncSession, *, reply: CensusReported, now: datetime
) -> bool:
    """Keeps a service's counts for the breach that asked; False for a census nobody waits for
    (a newer one replaced it, or another asked)."""
    breach_id = await session.scalar(
        select(Breach.id).where(Breach.census_request_id == reply.request_id)
    )
    if breach_id is None:
        return False
    counts = {str(tenant_id): dict(categories) for tenant_id, categories in reply.counts.items()}
    existing = await session.get(BreachCensusReply, (reply.request_id, reply.service.value))
    if existing is None:
        session.add(
            BreachCensusReply(
                request_id=reply.request_id,
                service=reply.service.value,
                breach_id=breach_id,
                counts=counts,
                received_at=now,
            )
        )
    else:
        existing.counts, existing.received_at = counts, now
    return True


async def census_replies(
    session: AsyncSession, *, breach: Breach
) -> dict[str, dict[str, dict[str, int]]]:
    """What each service reported for the breach's latest census."""
    if breach.census_request_id is None:
        return {}
    replies = await session.scalars(
        select(BreachCensusReply).where(BreachCensusReply.request_id == breach.census_request_id)
    )
    return {reply.service: reply.counts for reply in replies}


async def get_breach(session: AsyncSession, *, breach_id: UUID) -> Breach:
    breach = await session.get(Breach, breach_id)
    if breach is None:
        raise BreachNotFoundError(f"no breach {breach_id}")
    return breach


async def breach_for_update(session: AsyncSession, *, breach_id: UUID) -> Breach:
    breach = await session.scalar(
        select(Breach)
        .where(Breach.id == breach_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if breach is None:
        raise BreachNotFoundError(f"no breach {breach_id}")
    return breach


def is_open() -> ColumnElement[bool]:
    """Not yet notified to the supervisory authority: its 72-hour clock still runs (the
    dashboard's breaches section counts the same)."""
    return Breach.authority_notified_at.is_(None)


async def list_breaches(
    session: AsyncSession, *, paging: Paging, open_only: bool | None = None
) -> tuple[list[Breach], int]:
    """Newest discovery first; the open ones (``open_only``) nearest their deadline first,
    so the overdue at the top (the deadline is a fixed time after discovery)."""
    query = select(Breach)
    order: tuple[ColumnElement[Any], ...] = (Breach.discovered_at.desc(), Breach.id.desc())
    if open_only is not None:
        query = query.where(is_open() if open_only else ~is_open())
    if open_only:
        order = (Breach.discovered_at.asc(), Breach.id.asc())
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(
        query.order_by(*order).offset(paging.offset).limit(paging.page_size)
    )
    return list(page), int(total or 0)


async def _apply(session: AsyncSession, *, breach: Breach, fields: BreachFields) -> None:
    activities = {
        activity.id: activity
        for activity in await session.scalars(
            select(RegisterActivity).where(RegisterActivity.id.in_(fields.data_category_ids))
        )
    }
    unknown = [str(i) for i in fields.data_category_ids if i not in activities]
    if unknown:
        raise BreachInputError(f"not in the register of processing: {', '.join(unknown)}")
    chosen = [activities[activity_id] for activity_id in fields.data_category_ids]
    breach.discovered_at = fields.discovered_at
    breach.nature = fields.nature
    breach.data_categories = [
        {"id": str(a.id), "category": a.category, "subject_kind": str(a.subject_kind)}
        for a in chosen
    ]
    breach.people_categories = sorted({str(a.subject_kind) for a in chosen})
    breach.tenant_ids = [str(tenant_id) for tenant_id in fields.tenant_ids]
    breach.approximate_records = fields.approximate_records
    breach.likely_consequences = fields.likely_consequences
    breach.measures_taken = fields.measures_taken
    breach.measures_proposed = fields.measures_proposed


def _check_not_future(moment: datetime, *, now: datetime, what: str) -> None:
    if moment > now + CLOCK_SKEW:
        raise BreachInputError(f"{what} is in the future")


def _snapshot(breach: Breach) -> dict[str, Any]:
    return {
        "discovered_at": breach.discovered_at,
        "nature": breach.nature,
        "data_categories": list(breach.data_categories),
        "tenant_ids": list(breach.tenant_ids),
        "approximate_records": breach.approximate_records,
        "likely_consequences": breach.likely_consequences,
        "measures_taken": breach.measures_taken,
        "measures_proposed": breach.measures_proposed,
    }


def _field_names(fields: BreachFields) -> list[str]:
    return sorted(name for name, value in fields.model_dump().items() if value is not None)


async def _audit(
    session: AsyncSession,
    what: str,
    breach: Breach,
    officer_id: UUID,
    now: datetime,
    details: dict[str, Any],
) -> None:
    await append_audit(
        session,
        action=f"breach.{what}",
        actor=Actor.PRIVACY_OFFICER.value,
        at=now,
        details={"breach_id": str(breach.id), "reference": breach.reference, **details},
        actor_id=officer_id,
    )
