"""Where a verified consent request goes: a withdrawal is approved at once (Q2: no one may
stand between a person and withdrawing consent); an objection waits for its decider, who weighs
it (Q3): the client's admins for its participants, a privacy officer for client users."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import NoticeTemplate
from privacy.consent.effects import is_consent_request
from privacy.notices import client_admins, notify_group, privacy_officers
from privacy.requests.decisions import approve
from privacy.requests.models import DataSubjectRequest, RequestType, SubjectKind
from privacy.requests.states import Actor
from privacy.settings import Settings


async def route_consent_request(
    session: AsyncSession, *, settings: Settings, request: DataSubjectRequest, now: datetime
) -> bool:
    """Routes a withdrawal or an objection awaiting its decision; False for any other type."""
    if not is_consent_request(request) or request.tenant_id is None:
        return False
    if request.request_type == RequestType.CONSENT_WITHDRAWAL:
        await approve(
            session,
            settings=settings,
            request=request,
            actor=Actor.SYSTEM,
            now=now,
            note="a withdrawal of consent takes effect at once (Q2)",
        )
        return True
    participant = request.subject_kind == SubjectKind.PARTICIPANT
    await notify_group(
        session,
        group=client_admins(request.tenant_id) if participant else privacy_officers(),
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        parameters={
            "reference": request.reference,
            "link": f"{settings.public_base_url}/app/privacy/requests/{request.id}",
        },
        tenant_id=request.tenant_id,
    )
    return True
