from uuid import UUID

from assessments.settings import Settings
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref


class SubjectRefs:
    """Names participants across services (``chassis.privacy.subject_ref``)."""

    def __init__(self, settings: Settings) -> None:
        self._key = subject_ref_key(settings)

    def of(self, *, tenant_id: UUID, email: str) -> str:
        return subject_ref(self._key, tenant_id=tenant_id, email=email)
