"""The one transition table (issue 8, point 5), tested exhaustively: every (from, to, actor)
triple is a move iff the table lists it — by ``check_transition``, by ``move`` on a stored
request, and through the API, where a move outside the table is a 409 that changes nothing."""

import inspect
import itertools
from datetime import datetime
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import func, select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.messaging.tables import outbox_message
from chassis.testing.auth import TestTokens
from privacy.audit.models import AuditEntry
from privacy.requests.models import DataSubjectRequest, RequestTransition, SubjectKind
from privacy.requests.states import (
    OPEN,
    TRANSITIONS,
    Actor,
    RequestState,
    TransitionRefused,
    check_transition,
)
from privacy.requests.testing import SagaRecorder, stored_request
from privacy.requests.transitions import move
from privacy.saga import service as saga_service

RECEIVED_AT = datetime.fromisoformat("2026-10-20T08:00:00+00:00")
TRIPLES = list(itertools.product(RequestState, RequestState, Actor))
ALLOWED = [(s, t, a) for s, t, a in TRIPLES if a in TRANSITIONS.get((s, t), frozenset())]


@pytest.fixture
def saga(monkeypatch: pytest.MonkeyPatch) -> SagaRecorder:
    recorder = SagaRecorder()
    monkeypatch.setattr(saga_service, "start_saga", recorder.start_saga)
    monkeypatch.setattr(saga_service, "retry_failed", recorder.retry_failed)
    if "being built" in inspect.getsource(saga_service.jobs_for):
        monkeypatch.setattr(saga_service, "jobs_for", recorder.jobs_for)
    return recorder


def test_check_transition_accepts_exactly_the_table() -> None:
    assert len(TRIPLES) == len(RequestState) ** 2 * len(Actor)
    for source, target, actor in TRIPLES:
        allowed = actor in TRANSITIONS.get((source, target), frozenset())
        if allowed:
            check_transition(source, target, actor=actor)
        else:
            with pytest.raises(TransitionRefused):
                check_transition(source, target, actor=actor)
    assert ALLOWED, "the table allows some moves"


def test_table_shape_terminal_states_lead_nowhere() -> None:
    for source, _target in TRANSITIONS:
        assert source not in {RequestState.DENIED, RequestState.VERIFIED}
        assert source not in {RequestState.CANCELED, RequestState.WITHDRAWN}
    staff_stops = {s for (s, t) in TRANSITIONS if t is RequestState.CANCELED}
    subject_stops = {s for (s, t) in TRANSITIONS if t is RequestState.WITHDRAWN}
    assert staff_stops == subject_stops
    assert RequestState.IN_PROGRESS not in staff_stops, "in progress is past the point of no return"


@pytest.mark.parametrize(("source", "target", "actor"), ALLOWED, ids=lambda v: str(v))
async def test_move_makes_every_allowed_move_on_a_stored_request(
    database: Database, source: RequestState, target: RequestState, actor: Actor
) -> None:
    now = datetime.fromisoformat("2026-10-25T08:00:00+00:00")
    actor_id = uuid4()
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session, state=source, received_at=RECEIVED_AT, tenant_id=uuid4()
        )
        await move(session, request=request, to=target, actor=actor, now=now, actor_id=actor_id)
    async with database.sessions() as session:
        stored = await session.get(DataSubjectRequest, request.id)
        assert stored is not None
        assert stored.state == target
        assert (stored.closed_at is None) == (target in OPEN)
        assert (stored.paused_since is not None) == (target is RequestState.AWAITING_VERIFICATION)
        history = (
            await session.scalars(
                select(RequestTransition).where(RequestTransition.request_id == request.id)
            )
        ).all()
        assert [(h.from_state, h.to_state, h.actor, h.actor_id) for h in history] == [
            (source, target, actor, actor_id)
        ]
        audited = await session.scalar(
            select(func.count()).where(
                AuditEntry.request_id == request.id, AuditEntry.action == f"request.{target}"
            )
        )
        assert audited == 1


@pytest.mark.parametrize("source", list(RequestState), ids=str)
async def test_move_refuses_every_other_triple_and_changes_nothing(
    database: Database, source: RequestState
) -> None:
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session, state=source, received_at=RECEIVED_AT, tenant_id=uuid4()
        )
    refused = [(t, a) for s, t, a in TRIPLES if s is source and (s, t, a) not in ALLOWED]
    assert refused
    for target, actor in refused:
        async with database.sessions() as session, session.begin():
            locked = await session.get(DataSubjectRequest, request.id)
            assert locked is not None
            with pytest.raises(TransitionRefused):
                await move(session, request=locked, to=target, actor=actor, now=RECEIVED_AT)
    async with database.sessions() as session:
        stored = await session.get(DataSubjectRequest, request.id)
        assert stored is not None
        assert stored.state == source
        moves = await session.scalar(
            select(func.count()).where(RequestTransition.request_id == request.id)
        )
        assert moves == 0
        assert (
            await session.scalar(select(func.count()).where(AuditEntry.request_id == request.id))
            == 0
        )


# Through the API: decision (→ approved | denied), cancellation (→ canceled), retry (failed →
# in progress), each tried from every state.

API_MOVES = [
    ("decision", {"decision": "approve"}, RequestState.APPROVED),
    ("decision", {"decision": "deny", "denial_reason": "no_match"}, RequestState.DENIED),
    ("cancellation", {"note": "entered twice"}, RequestState.CANCELED),
]


async def _footprint(database: Database, request_id: UUID) -> tuple[object, ...]:
    async with database.sessions() as session:
        stored = await session.get(DataSubjectRequest, request_id)
        assert stored is not None
        moves = await session.scalar(
            select(func.count()).where(RequestTransition.request_id == request_id)
        )
        audited = await session.scalar(
            select(func.count()).where(AuditEntry.request_id == request_id)
        )
        outbox = await session.scalar(select(func.count()).select_from(outbox_message))
        return (
            stored.state,
            stored.decided_at,
            stored.denial_reason,
            stored.closed_at,
            moves,
            audited,
            outbox,
        )


@pytest.mark.parametrize("source", list(RequestState), ids=str)
@pytest.mark.parametrize(("path", "body", "target"), API_MOVES, ids=["approve", "deny", "cancel"])
async def test_api_refuses_moves_outside_the_table_with_409(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    saga: SagaRecorder,
    source: RequestState,
    path: str,
    body: dict[str, str],
    target: RequestState,
) -> None:
    tenant = uuid4()
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session, state=source, received_at=RECEIVED_AT, tenant_id=tenant
        )
    before = await _footprint(database, request.id)
    response = await client.post(
        f"/client/requests/{request.id}/{path}",
        json=body,
        headers=tokens.headers(tenant_id=tenant, roles={Role.ADMIN}),
    )
    if Actor.CLIENT_ADMIN in TRANSITIONS.get((source, target), frozenset()):
        assert response.status_code == 200, response.text
        assert response.json()["state"] == target
    else:
        assert response.status_code == 409, response.text
        assert f"from {source} to {target}" in response.json()["detail"]
        assert await _footprint(database, request.id) == before


@pytest.mark.parametrize("source", list(RequestState), ids=str)
async def test_api_retry_only_from_failed(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    saga: SagaRecorder,
    source: RequestState,
) -> None:
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session,
            state=source,
            received_at=RECEIVED_AT,
            tenant_id=uuid4(),
            subject_kind=SubjectKind.CLIENT_USER,
        )
    before = await _footprint(database, request.id)
    response = await client.post(
        f"/requests/{request.id}/retry",
        headers=tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}),
    )
    allowed = (
        source,
        RequestState.IN_PROGRESS,
    ) in TRANSITIONS and Actor.PRIVACY_OFFICER in TRANSITIONS[(source, RequestState.IN_PROGRESS)]
    if allowed:
        assert response.status_code == 200, response.text
        assert response.json()["state"] == RequestState.IN_PROGRESS
        assert saga.retried == [request.id]
    else:
        assert response.status_code == 409, response.text
        assert await _footprint(database, request.id) == before
        assert saga.retried == []
