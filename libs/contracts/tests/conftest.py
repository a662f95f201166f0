"""One valid example of every event's data, for the tests of this package."""

import base64
from collections.abc import Callable
from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from contracts import EventData, model_for, producer_of
from contracts.events import accounts, assessments, delivery, notifications, privacy
from contracts.events import privacy_replies as replies
from contracts.events.receipt import ErasureMethod, Receipt, ReceiptContent, ReceiptScope
from contracts.vocabulary import (
    Channel,
    ClientRole,
    DataService,
    Language,
    Service,
    SlackUser,
)

TENANT = UUID("0192f0c4-0000-7000-8000-000000000001")
REQUEST = UUID("0192f0c4-0000-7000-8000-000000000002")
DISPATCH = UUID("0192f0c4-0000-7000-8000-000000000003")
ASSESSMENT = UUID("0192f0c4-0000-7000-8000-000000000004")
QUESTION = UUID("0192f0c4-0000-7000-8000-000000000005")
OPTION = UUID("0192f0c4-0000-7000-8000-000000000006")
GROUP = UUID("0192f0c4-0000-7000-8000-000000000007")
USER = UUID("0192f0c4-0000-7000-8000-000000000008")
NOTICE = UUID("0192f0c4-0000-7000-8000-000000000009")
SUBJECT = "A" * 52
OTHER_SUBJECT = "B" * 52
MOMENT = datetime(2025, 3, 30, 0, 30, 0, 123000, tzinfo=UTC)
SIGNATURE = base64.b64encode(bytes(64)).decode()
PUBLIC_KEY = base64.b64encode(bytes(32)).decode()
SLACK_USER = SlackUser(team_id="T0123ABC", user_id="U0456DEF")


def receipt(service: DataService, scope: ReceiptScope) -> Receipt:
    return ReceiptContent(
        request_id=REQUEST,
        service=service,
        scope=scope,
        tenant_id=TENANT,
        subject_ref=SUBJECT if scope is ReceiptScope.SUBJECT_ERASURE else None,
        method=ErasureMethod.DELETE_AND_ANONYMISE,
        rows_deleted={"participants": 1, "answer_tokens": 3},
        rows_anonymised={"answers": 2},
        completed_at=MOMENT,
        key_id="delivery-2025-01",
    ).signed(SIGNATURE)


def _notification() -> notifications.NotificationRequested:
    return notifications.NotificationRequested(
        notice_id=NOTICE,
        tenant_id=TENANT,
        template=notifications.NoticeTemplate.PASSWORD_RESET,
        address="mari@example.com",
        language=Language.ESTONIAN,
        parameters={"reset_link": "https://soket.example/reset?token=abc"},
    )


def _message_dispatch() -> delivery.DispatchMessage:
    return delivery.DispatchMessage(
        kind="dispatch", dispatch_id=DISPATCH, assessment_id=ASSESSMENT, subject_ref=SUBJECT
    )


_FACTORIES: dict[type[EventData], Callable[[DataService], EventData]] = {
    accounts.ClientRegistered: lambda _: accounts.ClientRegistered(
        tenant_id=TENANT,
        organisation_name="Acme OÜ",
        time_zone="Europe/Tallinn",
        language=Language.ESTONIAN,
    ),
    accounts.ClientSettingsChanged: lambda _: accounts.ClientSettingsChanged(
        tenant_id=TENANT, time_zone="Europe/Tallinn", language=Language.ENGLISH
    ),
    accounts.ClientOffboardingRequested: lambda _: accounts.ClientOffboardingRequested(
        tenant_id=TENANT, requested_by_user_id=USER
    ),
    accounts.UserCreated: lambda _: accounts.UserCreated(
        tenant_id=TENANT, user_id=USER, subject_ref=SUBJECT, role=ClientRole.ADMIN
    ),
    accounts.UserUpdated: lambda _: accounts.UserUpdated(
        tenant_id=TENANT, user_id=USER, subject_ref=SUBJECT, role=ClientRole.VIEWER
    ),
    accounts.UserRemoved: lambda _: accounts.UserRemoved(
        tenant_id=TENANT, user_id=USER, subject_ref=SUBJECT
    ),
    notifications.NotificationRequested: lambda _: _notification(),
    assessments.DispatchRequested: lambda _: assessments.DispatchRequested(
        dispatch_id=DISPATCH,
        tenant_id=TENANT,
        assessment_id=ASSESSMENT,
        kind=assessments.DispatchKind.DAILY_QUESTION,
        subject_ref=SUBJECT,
        language=Language.ENGLISH,
        contacts=assessments.DispatchContacts(email="mari@example.com", slack=SLACK_USER),
        email_fallback=True,
        title="Security basics",
        question=assessments.RenderedQuestion(
            question_id=QUESTION,
            kind=assessments.QuestionKind.SINGLE_CHOICE,
            text="Which link is safe?",
            options=[assessments.RenderedOption(option_id=OPTION, label="The first")],
        ),
        answer_url="https://soket.example/answer/abc",
        answer_by=MOMENT,
    ),
    assessments.DispatchCreated: lambda _: assessments.DispatchCreated(
        dispatch_id=DISPATCH,
        tenant_id=TENANT,
        assessment_id=ASSESSMENT,
        question_id=QUESTION,
        kind=assessments.DispatchKind.DAILY_QUESTION,
        subject_ref=SUBJECT,
        group_ids=[GROUP],
        dispatched_on=date(2025, 3, 30),
    ),
    assessments.AnswerSubmitted: lambda _: assessments.AnswerSubmitted(
        tenant_id=TENANT,
        assessment_id=ASSESSMENT,
        question_id=QUESTION,
        topics=["phishing"],
        group_ids=[GROUP],
        dispatch_id=DISPATCH,
        subject_ref=SUBJECT,
        chosen_option_ids=[OPTION],
        correct=True,
        scale_value=None,
        free_text_given=False,
        time_to_answer_ms=5400,
        answered_at=MOMENT,
        answered_on=date(2025, 3, 30),
        reveal=assessments.AnswerReveal(correct_option_ids=[OPTION], explanation="Look closer."),
    ),
    assessments.AssessmentPublished: lambda _: assessments.AssessmentPublished(
        tenant_id=TENANT,
        assessment_id=ASSESSMENT,
        kind=assessments.AssessmentKind.QUIZ,
        title="Security basics",
        question_ids=[QUESTION],
    ),
    assessments.AssessmentDeleted: lambda _: assessments.AssessmentDeleted(
        tenant_id=TENANT, assessment_id=ASSESSMENT
    ),
    assessments.AssessmentAnswersDeleted: lambda _: assessments.AssessmentAnswersDeleted(
        tenant_id=TENANT, assessment_id=ASSESSMENT, answered_before=MOMENT
    ),
    assessments.QuestionPublished: lambda _: assessments.QuestionPublished(
        tenant_id=TENANT,
        question_id=QUESTION,
        kind=assessments.QuestionKind.SCALE,
        text="How confident are you?",
        topics=["confidence"],
        options=[assessments.PublishedOption(option_id=OPTION, label="1", correct=False)],
        scale=assessments.ScaleRange(minimum=1, maximum=5),
    ),
    assessments.ParticipantRemoved: lambda _: assessments.ParticipantRemoved(
        tenant_id=TENANT, subject_ref=SUBJECT
    ),
    assessments.ParticipantRekeyed: lambda _: assessments.ParticipantRekeyed(
        tenant_id=TENANT, subject_ref=SUBJECT, new_subject_ref=OTHER_SUBJECT
    ),
    delivery.MessageSent: lambda _: delivery.MessageSent(
        tenant_id=TENANT, channel=Channel.EMAIL, message=_message_dispatch()
    ),
    delivery.MessageDelivered: lambda _: delivery.MessageDelivered(
        tenant_id=None,
        channel=Channel.EMAIL,
        message=delivery.NoticeMessage(kind="notice", notice_id=NOTICE),
    ),
    delivery.MessageBounced: lambda _: delivery.MessageBounced(
        tenant_id=TENANT,
        channel=Channel.EMAIL,
        message=_message_dispatch(),
        reason=delivery.BounceReason.PERMANENT,
    ),
    delivery.MessageSuppressed: lambda _: delivery.MessageSuppressed(
        tenant_id=TENANT,
        channel=Channel.SLACK,
        message=_message_dispatch(),
        reason=delivery.SuppressionReason.RESTRICTED,
    ),
    delivery.MessageUnsubscribed: lambda _: delivery.MessageUnsubscribed(
        tenant_id=TENANT, subject_ref=SUBJECT
    ),
    delivery.SlackMembersImported: lambda _: delivery.SlackMembersImported(
        tenant_id=TENANT,
        team_id="T0123ABC",
        members=[delivery.SlackMember(user_id="U0456DEF", email="mari@example.com")],
    ),
    delivery.SlackWorkspaceRemoved: lambda _: delivery.SlackWorkspaceRemoved(
        tenant_id=TENANT, team_id="T0123ABC"
    ),
    delivery.AnswerReceived: lambda _: delivery.AnswerReceived(
        tenant_id=TENANT,
        dispatch_id=DISPATCH,
        chosen_option_ids=[OPTION],
        pressed_by=SLACK_USER,
        pressed_at=MOMENT,
    ),
    privacy.SubjectDiscoveryRequested: lambda _: privacy.SubjectDiscoveryRequested(
        request_id=REQUEST, email="mari@example.com"
    ),
    privacy.SubjectExportRequested: lambda _: privacy.SubjectExportRequested(
        request_id=REQUEST, tenant_id=TENANT, subject_ref=SUBJECT
    ),
    privacy.SubjectErasureRequested: lambda _: privacy.SubjectErasureRequested(
        request_id=REQUEST, tenant_id=TENANT, subject_ref=SUBJECT
    ),
    privacy.SubjectRectificationRequested: lambda _: privacy.SubjectRectificationRequested(
        request_id=REQUEST,
        tenant_id=TENANT,
        subject_ref=SUBJECT,
        corrected_email="mari.maasikas@example.com",
        new_subject_ref=OTHER_SUBJECT,
        corrected_name="Mari Maasikas",
    ),
    privacy.SubjectRekeyRequested: lambda _: privacy.SubjectRekeyRequested(
        request_id=REQUEST, tenant_id=TENANT, subject_ref=SUBJECT, new_subject_ref=OTHER_SUBJECT
    ),
    privacy.SubjectRestrictionChanged: lambda _: privacy.SubjectRestrictionChanged(
        request_id=REQUEST, tenant_id=TENANT, subject_ref=SUBJECT, restricted=True
    ),
    privacy.TenantExportRequested: lambda _: privacy.TenantExportRequested(
        request_id=REQUEST, tenant_id=TENANT
    ),
    privacy.TenantErasureRequested: lambda _: privacy.TenantErasureRequested(
        request_id=REQUEST, tenant_id=TENANT
    ),
    privacy.RetentionDue: lambda _: privacy.RetentionDue(
        request_id=REQUEST,
        category=privacy.RetentionCategory.DELIVERY_LOG,
        action=privacy.RetentionAction.DELETE,
        cutoff=MOMENT,
        tenant_id=None,
        excluded_tenant_ids=[TENANT],
        excluded_subject_refs=[SUBJECT],
        dry_run=False,
    ),
    privacy.PrivacyNotificationRequested: lambda _: privacy.PrivacyNotificationRequested(
        notice_id=NOTICE,
        tenant_id=TENANT,
        template=notifications.NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        address=privacy.ClientAdmins(group="client_admins", tenant_id=TENANT),
        language=None,
        parameters={"request_link": "https://soket.example/privacy/requests/1"},
    ),
    privacy.ConsentChanged: lambda _: privacy.ConsentChanged(
        tenant_id=TENANT,
        subject_ref=SUBJECT,
        purpose=notifications.ConsentPurpose.PRODUCT_NEWS,
        granted=False,
        changed_at=MOMENT,
    ),
    privacy.CensusRequested: lambda _: privacy.CensusRequested(request_id=REQUEST, tenant_ids=None),
    replies.CensusReported: lambda service: replies.CensusReported(
        service=service, request_id=REQUEST, counts={TENANT: {"participants": 40}}
    ),
    replies.SubjectDiscovered: lambda service: replies.SubjectDiscovered(
        service=service, request_id=REQUEST, tenant_ids=[TENANT]
    ),
    replies.SubjectExported: lambda service: replies.SubjectExported(
        service=service,
        request_id=REQUEST,
        part=1,
        total_parts=2,
        categories={"answers": [{"question": "Which link is safe?", "chosen": ["The first"]}]},
    ),
    replies.TenantExported: lambda service: replies.TenantExported(
        service=service, request_id=REQUEST, part=1, total_parts=1, categories={}
    ),
    replies.SubjectErased: lambda service: replies.SubjectErased(
        service=service,
        request_id=REQUEST,
        receipt=receipt(service, ReceiptScope.SUBJECT_ERASURE),
    ),
    replies.TenantErased: lambda service: replies.TenantErased(
        service=service, request_id=REQUEST, receipt=receipt(service, ReceiptScope.TENANT_ERASURE)
    ),
    replies.SubjectRectified: lambda service: replies.SubjectRectified(
        service=service, request_id=REQUEST, rows_updated={"participants": 1}
    ),
    replies.RestrictionApplied: lambda service: replies.RestrictionApplied(
        service=service, request_id=REQUEST, restricted=True
    ),
    replies.RetentionApplied: lambda service: replies.RetentionApplied(
        service=service,
        request_id=REQUEST,
        category=privacy.RetentionCategory.DELIVERY_LOG,
        dry_run=False,
        rows_affected={"delivery_log": 12},
        receipt=receipt(service, ReceiptScope.RETENTION),
    ),
    replies.KeysPublished: lambda service: replies.KeysPublished(
        service=service,
        key_id="delivery-2025-01",
        algorithm="Ed25519",
        public_key=PUBLIC_KEY,
        valid_from=MOMENT,
    ),
}


def example_of(event_type: str) -> EventData:
    """A valid example of the data of ``event_type``."""
    producer = producer_of(event_type)
    service = DataService.ACCOUNTS if producer is Service.PRIVACY else DataService(producer)
    return _FACTORIES[model_for(event_type)](service)


@pytest.fixture
def example() -> Callable[[str], EventData]:
    """Make a valid example of an event type's data."""
    return example_of
