from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit
from privacy.requests.models import DataSubjectRequest, RequestTransition
from privacy.requests.states import OPEN, Actor, RequestState, check_transition


async def move(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    to: RequestState,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None = None,
    note: str | None = None,
) -> None:
    """Moves the request if the transition table allows it (else ``TransitionRefused``),
    keeps the legal clock (paused while unverified), records the move and audits it.
    The note is staff's free text: it stays on the move, never in the permanent audit log."""
    source = RequestState(request.state)
    check_transition(source, to, actor=actor)
    if source is RequestState.AWAITING_VERIFICATION and request.paused_since is not None:
        request.due_at += now - request.paused_since
        request.paused_since = None
    if to is RequestState.AWAITING_VERIFICATION:
        request.paused_since = now
    if to not in OPEN:
        request.closed_at = now
    elif request.closed_at is not None:
        request.closed_at = None
    request.state = to
    session.add(
        RequestTransition(
            request_id=request.id,
            from_state=source,
            to_state=to,
            actor=actor,
            actor_id=actor_id,
            note=note,
            at=now,
        )
    )
    await append_audit(
        session,
        action=f"request.{to}",
        actor=actor,
        actor_id=actor_id,
        request_id=request.id,
        at=now,
        details={"from": source, "to": to, "type": request.request_type},
    )
