"""Events privacy publishes: data-subject and client requests, retention runs, group notices."""

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Final, Literal, Self
from uuid import UUID

from pydantic import Field, model_validator

from contracts.base import ContractModel, EventData
from contracts.events.notifications import ConsentPurpose, NoticeParameters, NoticeTemplate
from contracts.vocabulary import DataService, EmailAddress, Language, SubjectRef, Text, UtcDatetime

SUBJECT_DISCOVERY_REQUESTED: Final = "privacy.subject.discovery_requested.v1"
SUBJECT_EXPORT_REQUESTED: Final = "privacy.subject.export_requested.v1"
SUBJECT_ERASURE_REQUESTED: Final = "privacy.subject.erasure_requested.v1"
SUBJECT_RECTIFICATION_REQUESTED: Final = "privacy.subject.rectification_requested.v1"
SUBJECT_REKEY_REQUESTED: Final = "privacy.subject.rekey_requested.v1"
SUBJECT_RESTRICTION_CHANGED: Final = "privacy.subject.restriction_changed.v1"
TENANT_EXPORT_REQUESTED: Final = "privacy.tenant.export_requested.v1"
TENANT_ERASURE_REQUESTED: Final = "privacy.tenant.erasure_requested.v1"
RETENTION_DUE: Final = "privacy.retention.due.v1"
NOTIFICATION_REQUESTED: Final = "privacy.notification.requested.v1"
CONSENT_CHANGED: Final = "privacy.consent.changed.v1"
CENSUS_REQUESTED: Final = "privacy.census.requested.v1"


class SubjectDiscoveryRequested(EventData):
    """Ask the services that hold emails in which clients this address appears."""

    request_id: UUID
    email: EmailAddress


class SubjectExportRequested(EventData):
    """Collect everything about one person of one client, by category."""

    request_id: UUID
    tenant_id: UUID
    subject_ref: SubjectRef
    services: list[DataService] | None = None
    """The data services asked (a retry asks only those that have not answered); None: all."""


class SubjectErasureRequested(EventData):
    """Delete every row about one person of one client, in one transaction, with a receipt."""

    request_id: UUID
    tenant_id: UUID
    subject_ref: SubjectRef
    services: list[DataService] | None = None
    """The data services asked (a retry asks only those that have not answered); None: all."""


class SubjectRectificationRequested(EventData):
    """Correct a person's email or name where it is held (accounts, assessments)."""

    request_id: UUID
    tenant_id: UUID
    subject_ref: SubjectRef
    corrected_email: EmailAddress | None
    new_subject_ref: SubjectRef | None
    """The person's ``subject_ref`` under the corrected email: re-key rows to it."""
    corrected_name: Text | None
    services: list[DataService] | None = None
    """The data services asked (a retry asks only those that have not answered); None: all."""

    @model_validator(mode="after")
    def _corrects_something(self) -> Self:
        if (self.corrected_email is None) != (self.new_subject_ref is None):
            raise ValueError("a corrected email comes with its new subject_ref, and only then")
        if self.corrected_email is None and self.corrected_name is None:
            raise ValueError("a rectification corrects the email, the name, or both")
        return self


class SubjectRekeyRequested(EventData):
    """A person's email was corrected: re-key rows held only by ``subject_ref`` (no email)."""

    request_id: UUID
    tenant_id: UUID
    subject_ref: SubjectRef
    new_subject_ref: SubjectRef
    services: list[DataService] | None = None
    """The data services asked (a retry asks only those that have not answered); None: all."""


class SubjectRestrictionChanged(EventData):
    """Stop (restricted) or resume processing one person: no sends, schedules, statistics."""

    request_id: UUID
    tenant_id: UUID
    subject_ref: SubjectRef
    restricted: bool
    services: list[DataService] | None = None
    """The data services asked (a retry asks only those that have not answered); None: all."""


class TenantExportRequested(EventData):
    """Collect everything of one client, by category."""

    request_id: UUID
    tenant_id: UUID


class TenantErasureRequested(EventData):
    """Delete everything of one client, with a receipt."""

    request_id: UUID
    tenant_id: UUID


class RetentionCategory(StrEnum):
    """A category of the register whose rows a retention policy limits."""

    ANSWERS = "answers"
    ANSWER_TOKENS = "answer_tokens"
    DISPATCHES = "dispatches"
    DELIVERY_LOG = "delivery_log"
    SLACK_MEMBER_DIRECTORY = "slack_member_directory"
    PER_PERSON_STATISTICS = "per_person_statistics"
    REFRESH_TOKENS = "refresh_tokens"


class RetentionAction(StrEnum):
    """What happens to rows past their retention."""

    DELETE = "delete"
    ANONYMISE = "anonymise"


class RetentionDue(EventData):
    """Delete or anonymise a category's rows older than the cutoff, except those excluded."""

    request_id: UUID
    category: RetentionCategory
    action: RetentionAction
    cutoff: UtcDatetime
    tenant_id: UUID | None
    """The one client this policy is for; None for every client but the excluded ones."""
    excluded_tenant_ids: list[UUID]
    """Clients under a legal hold or with their own policy for this category."""
    excluded_subject_refs: list[SubjectRef]
    """People under a legal hold."""
    dry_run: bool
    """Only count the rows that would be touched."""


class ConsentChanged(EventData):
    """A person granted or withdrew consent to one purpose; it takes effect at once."""

    tenant_id: UUID
    subject_ref: SubjectRef
    purpose: ConsentPurpose
    granted: bool
    changed_at: UtcDatetime


class CensusRequested(EventData):
    """Count the distinct people each category holds, per client (for a breach's scale)."""

    request_id: UUID
    tenant_ids: list[UUID] | None
    """The clients to count; None for every client."""


class ClientAdmins(ContractModel):
    """Every admin of one client."""

    group: Literal["client_admins"]
    tenant_id: UUID


class AllClientRepresentatives(ContractModel):
    """Every user of every client."""

    group: Literal["all_client_representatives"]


class PrivacyOfficers(ContractModel):
    """Every privacy officer of the platform."""

    group: Literal["privacy_officers"]


class ClientUsers(ContractModel):
    """Every user of one client (accounts expands it)."""

    group: Literal["client_users"]
    tenant_id: UUID


class ClientParticipants(ContractModel):
    """Every participant of one client (assessments expands it)."""

    group: Literal["client_participants"]
    tenant_id: UUID


GroupAddress = Annotated[
    ClientAdmins | AllClientRepresentatives | PrivacyOfficers | ClientUsers | ClientParticipants,
    Field(discriminator="group"),
]


class PrivacyNotificationRequested(EventData):
    """A notice to one address (delivery sends it) or to a group (accounts expands it)."""

    notice_id: UUID
    """Delivery sends each notice id at most once; accounts derives one id per recipient."""
    tenant_id: UUID | None
    template: NoticeTemplate
    address: EmailAddress | GroupAddress
    language: Language | None
    """None only for a group: each recipient gets their client's language."""
    parameters: NoticeParameters
    purpose: ConsentPurpose | None = None
    """Set on mail sent on consent: delivery sends it only to people whose grant stands."""

    @model_validator(mode="after")
    def _language_for_addresses(self) -> Self:
        if isinstance(self.address, str) and self.language is None:
            raise ValueError("a notice to an address names its language")
        return self


EVENTS: Final[Mapping[str, type[EventData]]] = {
    SUBJECT_DISCOVERY_REQUESTED: SubjectDiscoveryRequested,
    SUBJECT_EXPORT_REQUESTED: SubjectExportRequested,
    SUBJECT_ERASURE_REQUESTED: SubjectErasureRequested,
    SUBJECT_RECTIFICATION_REQUESTED: SubjectRectificationRequested,
    SUBJECT_REKEY_REQUESTED: SubjectRekeyRequested,
    SUBJECT_RESTRICTION_CHANGED: SubjectRestrictionChanged,
    TENANT_EXPORT_REQUESTED: TenantExportRequested,
    TENANT_ERASURE_REQUESTED: TenantErasureRequested,
    RETENTION_DUE: RetentionDue,
    NOTIFICATION_REQUESTED: PrivacyNotificationRequested,
    CONSENT_CHANGED: ConsentChanged,
    CENSUS_REQUESTED: CensusRequested,
}
