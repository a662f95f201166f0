"""Which jobs a request needs, and the event each job sends to its data service."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import normalise_email, subject_ref
from contracts.base import EventData
from contracts.events.privacy import (
    SubjectErasureRequested,
    SubjectExportRequested,
    SubjectRectificationRequested,
    SubjectRekeyRequested,
    SubjectRestrictionChanged,
)
from contracts.vocabulary import DataService
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.saga.models import JobStep
from privacy.settings import Settings

DATA_SERVICES: Final = tuple(DataService)
RECTIFYING: Final = (DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.DELIVERY)
"""Services that hold emails or names and correct them."""
REKEYING: Final = (DataService.ANALYTICS,)
"""Services that hold only ``subject_ref``: an email change re-keys their rows."""

_ONE_STEP: Final = {
    RequestType.ERASURE: JobStep.ERASE,
    RequestType.EXPORT: JobStep.EXPORT,
    RequestType.ACCESS: JobStep.EXPORT,
    RequestType.RESTRICTION: JobStep.RESTRICT,
}


@dataclass(frozen=True)
class PlannedJob:
    service: DataService
    step: JobStep
    skip_reason: str | None = None


@dataclass(frozen=True)
class Subject:
    """The person a request is about, as data services know them."""

    tenant_id: UUID
    subject_ref: str


def subject_of(request: DataSubjectRequest, settings: Settings) -> Subject | None:
    """None when the request names no client, or neither a ``subject_ref`` nor an email."""
    if request.tenant_id is None:
        return None
    if request.subject_ref is not None:
        return Subject(tenant_id=request.tenant_id, subject_ref=request.subject_ref)
    if request.email is None:
        return None
    reference = subject_ref(
        subject_ref_key(settings), tenant_id=request.tenant_id, email=request.email
    )
    return Subject(tenant_id=request.tenant_id, subject_ref=reference)


def corrected_email(request: DataSubjectRequest) -> str | None:
    """A rectification's new address, when it differs from the one held."""
    if request.corrected_email is None:
        return None
    if request.email is not None and normalise_email(request.email) == normalise_email(
        request.corrected_email
    ):
        return None
    return request.corrected_email


def plan_jobs(request: DataSubjectRequest) -> list[PlannedJob]:
    """The first phase of a request's saga: one job per data service."""
    step = _ONE_STEP.get(RequestType(request.request_type))
    if step is not None:
        return [PlannedJob(service, step) for service in DATA_SERVICES]
    email_changes = corrected_email(request) is not None
    if not email_changes and request.corrected_name is None:
        nothing = "nothing to correct: the corrected values are the ones held"
        return [PlannedJob(service, JobStep.RECTIFY, nothing) for service in RECTIFYING] + [
            PlannedJob(service, JobStep.REKEY, nothing) for service in REKEYING
        ]
    rekey_skip = None if email_changes else "only the name changes; this service holds no names"
    return [PlannedJob(service, JobStep.RECTIFY) for service in RECTIFYING] + [
        PlannedJob(service, JobStep.REKEY, rekey_skip) for service in REKEYING
    ]


def plan_verification() -> list[PlannedJob]:
    """After an erasure: every service exports the person again, and must find nothing."""
    return [PlannedJob(service, JobStep.VERIFY) for service in DATA_SERVICES]


def job_event(
    request: DataSubjectRequest,
    step: JobStep,
    subject: Subject,
    settings: Settings,
    *,
    services: Sequence[DataService],
) -> EventData:
    """What a step asks the named data services; the request's id is the event's
    ``request_id``."""
    common = {
        "request_id": request.id,
        "tenant_id": subject.tenant_id,
        "subject_ref": subject.subject_ref,
        "services": sorted(services),
    }
    if step is JobStep.ERASE:
        return SubjectErasureRequested.model_validate(common)
    if step in (JobStep.EXPORT, JobStep.VERIFY):
        return SubjectExportRequested.model_validate(common)
    if step is JobStep.RESTRICT:
        return SubjectRestrictionChanged.model_validate(
            {**common, "restricted": request.restrict is not False}
        )
    email = corrected_email(request)
    new_reference = (
        None
        if email is None
        else subject_ref(subject_ref_key(settings), tenant_id=subject.tenant_id, email=email)
    )
    if step is JobStep.REKEY:
        return SubjectRekeyRequested.model_validate({**common, "new_subject_ref": new_reference})
    return SubjectRectificationRequested.model_validate(
        {
            **common,
            "corrected_email": email,
            "new_subject_ref": new_reference,
            "corrected_name": request.corrected_name,
        }
    )
