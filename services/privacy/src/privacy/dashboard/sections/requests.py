"""Open data-subject requests (Q6, Q11) and consent requests of the last 30 days (Q2, Q3)."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import ColumnElement, DateTime, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.dashboard.schemas import ConsentSection, RequestsSection, UrgentRequest
from privacy.requests.deadlines import NEARLY_DUE_DAYS, days_left, due_on
from privacy.requests.models import DataSubjectRequest, RequestType, SubjectKind
from privacy.requests.queries import effective_due, is_open
from privacy.requests.states import OPEN, RequestState

R = DataSubjectRequest
MOST_URGENT = 5
CONSENT_WINDOW = timedelta(days=30)


def _officer_decides() -> ColumnElement[bool]:
    return or_(R.subject_kind == SubjectKind.CLIENT_USER, R.tenant_id.is_(None))


async def requests_section(session: AsyncSession, *, now: datetime) -> RequestsSection:
    moment = literal(now, DateTime(timezone=True))
    due = effective_due(now)
    horizon = literal(_due_soon_horizon(now), DateTime(timezone=True))
    awaiting = R.state == RequestState.AWAITING_DECISION
    counts = (
        await session.execute(
            select(
                R.state,
                R.request_type,
                func.count(),
                func.count().filter(due < moment),
                func.count().filter(due >= moment, due < horizon),
                func.count().filter(awaiting, _officer_decides()),
            )
            .where(is_open())
            .group_by(R.state, R.request_type)
        )
    ).all()
    by_state = {state: 0 for state in RequestState if state in OPEN}
    by_type = dict.fromkeys(RequestType, 0)
    overdue = due_soon = officer_decisions = 0
    for state, request_type, total, late, soon, officer in counts:
        by_state[RequestState(state)] += total
        by_type[RequestType(request_type)] += total
        overdue, due_soon = overdue + late, due_soon + soon
        officer_decisions += officer
    return RequestsSection(
        open=sum(by_state.values()),
        open_by_state=by_state,
        open_by_type=by_type,
        due_within_days=NEARLY_DUE_DAYS,
        due_soon=due_soon,
        overdue=overdue,
        awaiting_decision=by_state[RequestState.AWAITING_DECISION],
        awaiting_officer_decision=officer_decisions,
        most_urgent=await _most_urgent(session, now=now),
        link="/requests",
        overdue_link="/requests?overdue=true",
        due_soon_link=f"/requests?due_within_days={NEARLY_DUE_DAYS}",
        awaiting_decision_link=f"/requests?state={RequestState.AWAITING_DECISION.value}",
    )


async def _most_urgent(session: AsyncSession, *, now: datetime) -> list[UrgentRequest]:
    """Ordered as ``GET /requests`` orders open requests: nearest (effective) due first."""
    due = effective_due(now).label("due")
    rows = (
        await session.execute(
            select(
                R.id,
                R.reference,
                R.request_type,
                R.state,
                due,
                _officer_decides().label("officer_decides"),
            )
            .where(is_open())
            .order_by(due, R.received_at, R.id)
            .limit(MOST_URGENT)
        )
    ).all()
    return [
        UrgentRequest(
            id=row.id,
            reference=row.reference,
            request_type=RequestType(row.request_type),
            state=RequestState(row.state),
            due_at=row.due,
            due_on=due_on(row.due),
            days_left=days_left(row.due, now),
            overdue=row.due < now,
            officer_decides=row.officer_decides,
            link=f"/requests/{row.id}",
        )
        for row in rows
    ]


def _due_soon_horizon(now: datetime) -> datetime:
    """The start of the first day (UTC) beyond ``NEARLY_DUE_DAYS``: a request due before it
    has ``days_left`` of ``NEARLY_DUE_DAYS`` or fewer."""
    today = now.astimezone(UTC).date()
    return datetime.combine(today + timedelta(days=NEARLY_DUE_DAYS + 1), time(0), tzinfo=UTC)


async def consent_section(session: AsyncSession, *, now: datetime) -> ConsentSection:
    since = now - CONSENT_WINDOW
    recent = R.received_at >= since
    withdrawal = R.request_type == RequestType.CONSENT_WITHDRAWAL
    objection = R.request_type == RequestType.OBJECTION
    waiting = objection & (R.state == RequestState.AWAITING_DECISION)
    row = (
        await session.execute(
            select(
                func.count().filter(withdrawal, recent),
                func.count().filter(objection, recent),
                func.count().filter(waiting),
            ).where(
                R.request_type.in_([RequestType.CONSENT_WITHDRAWAL, RequestType.OBJECTION]),
                or_(recent, waiting),
            )
        )
    ).one()
    return ConsentSection(
        since=since,
        withdrawals=row[0],
        objections=row[1],
        objections_waiting=row[2],
        withdrawals_link=(
            f"/requests?request_type={RequestType.CONSENT_WITHDRAWAL.value}"
            f"&received_since={_in_query(since)}"
        ),
        objections_waiting_link=(
            f"/requests?request_type={RequestType.OBJECTION.value}"
            f"&state={RequestState.AWAITING_DECISION.value}"
        ),
    )


def _in_query(moment: datetime) -> str:
    """An ISO 8601 moment that needs no escaping in a query string (``Z``, not ``+00:00``)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
