"""Notices a service asks delivery to email: the templates and the request to send one."""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final
from uuid import UUID

from contracts.base import EventData
from contracts.vocabulary import EmailAddress, Identifier, Language


class NoticeTemplate(StrEnum):
    """An email delivery writes from its templates (questions go by dispatch, not notice)."""

    EMAIL_VERIFICATION = "email_verification"
    CLIENT_INVITATION = "client_invitation"
    PASSWORD_RESET = "password_reset"  # noqa: S105 (a template name, not a password)
    PRIVACY_REQUEST_VERIFICATION_CODE = "privacy_request_verification_code"
    PRIVACY_REQUEST_RECEIVED = "privacy_request_received"
    PRIVACY_REQUEST_DECISION_NEEDED = "privacy_request_decision_needed"
    PRIVACY_REQUEST_EXTENDED = "privacy_request_extended"
    PRIVACY_REQUEST_COMPLETED = "privacy_request_completed"
    PRIVACY_REQUEST_DENIED = "privacy_request_denied"
    CLIENT_EXPORT_OFFERED = "client_export_offered"
    CLIENT_DELETION_CERTIFICATE = "client_deletion_certificate"
    POLICY_CHANGE = "policy_change"
    BREACH_NOTICE = "breach_notice"
    BREACH_ESCALATION = "breach_escalation"
    PRODUCT_NEWS = "product_news"


class ConsentPurpose(StrEnum):
    """A purpose processed on consent only: nothing of it is sent without a standing grant."""

    PRODUCT_NEWS = "product_news"


NoticeParameters = dict[Identifier, str]
"""Values for the template; a link may carry the single-use token its recipient needs."""

NOTICE_PARAMETERS: Final[Mapping[NoticeTemplate, frozenset[str]]] = {
    NoticeTemplate.EMAIL_VERIFICATION: frozenset({"link"}),
    NoticeTemplate.CLIENT_INVITATION: frozenset({"link", "organisation_name"}),
    NoticeTemplate.PASSWORD_RESET: frozenset({"link"}),
    NoticeTemplate.PRIVACY_REQUEST_VERIFICATION_CODE: frozenset({"code"}),
    NoticeTemplate.PRIVACY_REQUEST_RECEIVED: frozenset({"reference", "due_on"}),
    NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED: frozenset({"reference", "link"}),
    NoticeTemplate.PRIVACY_REQUEST_EXTENDED: frozenset({"reference", "due_on"}),
    NoticeTemplate.PRIVACY_REQUEST_COMPLETED: frozenset({"reference"}),
    NoticeTemplate.PRIVACY_REQUEST_DENIED: frozenset({"reference", "reason"}),
    NoticeTemplate.CLIENT_EXPORT_OFFERED: frozenset({"link", "expires_on"}),
    NoticeTemplate.CLIENT_DELETION_CERTIFICATE: frozenset({"link"}),
    NoticeTemplate.POLICY_CHANGE: frozenset({"effective_on", "link"}),
    NoticeTemplate.BREACH_NOTICE: frozenset({"summary", "contact"}),
    NoticeTemplate.BREACH_ESCALATION: frozenset({"reference", "deadline"}),
    NoticeTemplate.PRODUCT_NEWS: frozenset({"headline", "link"}),
}
"""The parameters each template needs (others it may use: ``link`` where it is optional,
``reason``, ``organisation_name``). A notice missing one is not sent: delivery logs it as
failed (``missing_parameters``) instead of writing an email with a hole in it."""


class NotificationRequested(EventData):
    """Ask delivery to email one notice to one address."""

    notice_id: UUID
    """Delivery sends each notice id at most once."""
    tenant_id: UUID | None
    """The client the notice is about; None for platform staff and the public."""
    template: NoticeTemplate
    address: EmailAddress
    language: Language
    parameters: NoticeParameters
    purpose: ConsentPurpose | None = None
    """Set on mail sent on consent: delivery sends it only to people whose grant stands."""
