"""The audit entry of an offboarding step the system takes on its own."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit
from privacy.offboarding.models import ClientOffboarding
from privacy.requests.states import Actor


async def audit_step(
    session: AsyncSession,
    *,
    offboarding: ClientOffboarding,
    action: str,
    request_id: UUID,
    now: datetime,
    **details: Any,
) -> None:
    """Appends ``action`` under ``request_id``, naming the offboarding and its client, then
    ``details``."""
    await append_audit(
        session,
        action=action,
        actor=Actor.SYSTEM,
        at=now,
        request_id=request_id,
        details={
            "offboarding": offboarding.reference,
            "tenant_id": str(offboarding.tenant_id),
            **details,
        },
    )
