"""Staff actions on personal data, in the audit log (Q15).

The rule every domain follows: a route that lets a privacy officer or a client's user read or
change personal data (a request's detail, a download, a decision, a register change, a breach
edit, …) appends one entry in the same transaction as its effect, before it answers:
``action`` is ``<domain>.<past participle>`` (``request.viewed``, ``export.downloaded``),
``actor`` and ``actor_id`` name who did it, ``request_id`` the request it concerns, and
``details`` hold ids, states and counts, never an email, a name or free text. Lists that show
no personal data (ids, states, dates) need no entry. A transaction that also locks rows calls
``hold_audit_chain`` first (``audit_staff_action`` takes it, so call it before the locks).
"""

from datetime import datetime
from typing import Any, Final
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.principal import Principal, Role
from privacy.audit.models import AuditEntry
from privacy.audit.service import append_audit

LINK_HOLDER: Final = "link_holder"
"""The actor of a download through a signed link: whoever holds the link."""


def staff_actor(principal: Principal) -> str:
    """``privacy_officer``, ``client_admin`` or ``client_user``."""
    if Role.PRIVACY_OFFICER in principal.roles:
        return "privacy_officer"
    if Role.ADMIN in principal.roles:
        return "client_admin"
    return "client_user"


async def audit_staff_action(
    session: AsyncSession,
    *,
    principal: Principal,
    action: str,
    at: datetime,
    details: dict[str, Any] | None = None,
    request_id: UUID | None = None,
) -> AuditEntry:
    """One entry for what ``principal`` did (the caller's transaction commits it)."""
    return await append_audit(
        session,
        action=action,
        actor=staff_actor(principal),
        actor_id=principal.user_id,
        request_id=request_id,
        at=at,
        details={**(details or {}), **_tenant(principal)},
    )


def _tenant(principal: Principal) -> dict[str, Any]:
    return {"tenant_id": str(principal.tenant_id)} if principal.tenant_id else {}
