"""Clients leaving (P12): pending offboardings, the next erasure, certificates issued."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.dashboard.schemas import NextErasure, OffboardingsSection
from privacy.offboarding.models import ClientOffboarding, OffboardingState

Off = ClientOffboarding
WAITING_FOR_THE_DATE = (OffboardingState.EXPORTING, OffboardingState.OFFERED)
_certified = func.jsonb_typeof(Off.certificate) == "object"
"""A certificate is a JSON object; SQL NULL and JSON null are none."""


async def offboardings_section(session: AsyncSession) -> OffboardingsSection:
    counts = await session.execute(
        select(Off.state, func.count(), func.count().filter(_certified)).group_by(Off.state)
    )
    by_state = dict.fromkeys(OffboardingState, 0)
    certificates = 0
    for state, total, certified in counts.all():
        by_state[OffboardingState(state)] = total
        certificates += certified
    return OffboardingsSection(
        pending=sum(by_state.values()) - by_state[OffboardingState.ERASED],
        by_state=by_state,
        next_erasure=await _next_erasure(session),
        certificates_issued=certificates,
        link="/offboardings?pending=true",
    )


async def _next_erasure(session: AsyncSession) -> NextErasure | None:
    row = (
        await session.execute(
            select(Off.id, Off.reference, Off.tenant_id, Off.state, Off.erase_on)
            .where(Off.state.in_([state.value for state in WAITING_FOR_THE_DATE]))
            .order_by(Off.erase_on, Off.id)
            .limit(1)
        )
    ).one_or_none()
    if row is None:
        return None
    return NextErasure(
        id=row.id,
        reference=row.reference,
        tenant_id=row.tenant_id,
        state=OffboardingState(row.state),
        erase_on=row.erase_on,
        link=f"/offboardings/{row.id}",
    )
