from datetime import datetime
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict

from privacy.offboarding.models import ClientOffboarding


class OffboardingOut(BaseModel):
    """A client's offboarding as staff and the client's admins see it (P12)."""

    id: UUID
    reference: str
    tenant_id: UUID
    state: str
    requested_at: datetime
    export_offered_at: datetime | None
    erase_on: datetime
    erase_on_agreed_by: str
    erasure_asked_at: datetime | None
    erasure_attempts: int
    services_answered: list[str]
    hold_reason: str | None
    erased_at: datetime | None
    last_backup_expires_at: datetime | None
    certificate_issued: bool

    @classmethod
    def of(cls, offboarding: ClientOffboarding, *, answered: list[str]) -> "OffboardingOut":
        return cls(
            id=offboarding.id,
            reference=offboarding.reference,
            tenant_id=offboarding.tenant_id,
            state=offboarding.state,
            requested_at=offboarding.requested_at,
            export_offered_at=offboarding.export_offered_at,
            erase_on=offboarding.erase_on,
            erase_on_agreed_by=offboarding.erase_on_agreed_by,
            erasure_asked_at=offboarding.erasure_asked_at,
            erasure_attempts=offboarding.erasure_attempts,
            services_answered=answered,
            hold_reason=offboarding.hold_reason,
            erased_at=offboarding.erased_at,
            last_backup_expires_at=offboarding.last_backup_expires_at,
            certificate_issued=offboarding.certificate is not None,
        )


class OffboardingPage(BaseModel):
    items: list[OffboardingOut]
    total: int
    page: int
    page_size: int


class ErasureDateBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    erase_on: AwareDatetime
    """When the client is erased: not before the export was offered; a moment already past
    means at once."""
