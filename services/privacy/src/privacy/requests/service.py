from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType, SubjectKind
from privacy.settings import Settings


async def open_request(
    session: AsyncSession,
    *,
    settings: Settings,
    request_type: RequestType,
    subject_kind: SubjectKind,
    tenant_id: UUID | None,
    email: str,
    language: str,
    channel: IntakeChannel,
    received_at: datetime,
    now: datetime,
    identity_verified: bool,
    submitted_by: UUID | None = None,
    intake_id: UUID | None = None,
    restrict: bool | None = None,
    corrected_email: str | None = None,
    corrected_name: str | None = None,
) -> DataSubjectRequest:
    """Opens a request received at ``received_at`` (the legal clock's start; time until
    ``now`` counts as paused when it was verified only now). Verified: routed to its
    deciders at once (or approved, when the submitter decides); else awaiting verification.
    The subject is told it was received. The caller commits."""
    raise NotImplementedError("requests: being built")


async def confirm_identity(
    session: AsyncSession, *, settings: Settings, request: DataSubjectRequest, now: datetime
) -> None:
    """An awaiting request whose subject proved their address: verified, then routed."""
    raise NotImplementedError("requests: being built")
