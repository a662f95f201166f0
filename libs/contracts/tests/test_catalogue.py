"""The catalogue matches DESIGN.md, the envelope round-trips, and events carry no forbidden data."""

import re
import types
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from uuid import UUID

import pytest
from pydantic import BaseModel

from contracts import (
    CATALOGUE,
    Envelope,
    EventData,
    EventTypeNotInferableError,
    InvalidEventDataError,
    MalformedEnvelopeError,
    UnknownEventTypeError,
    UnreadableEventError,
    event_types_for,
    event_types_of,
    model_for,
    parse_envelope,
    producer_of,
    uuid7,
    uuid7_time,
)
from contracts.events import accounts, assessments, delivery, notifications, privacy
from contracts.events import privacy_replies as replies
from contracts.vocabulary import DataService, Language, Service

TYPE_PATTERN = re.compile(
    r"^(accounts|assessments|delivery|analytics|privacy)\.[a-z_]+\.[a-z_]+\.v[0-9]+$"
)

# DESIGN.md, "Events" and "The privacy contract": the events named there, by producer.
DESIGN_EVENTS = {
    "accounts": [
        "client.registered",
        "client.settings_changed",
        "client.offboarding_requested",
        "user.created",
        "user.updated",
        "user.removed",
        "notification.requested",
    ],
    "assessments": [
        "dispatch.requested",
        "answer.submitted",
        "assessment.published",
        "assessment.deleted",
        "question.published",
        "participant.removed",
        "notification.requested",
    ],
    "delivery": [
        "message.sent",
        "message.delivered",
        "message.bounced",
        "message.suppressed",
        "message.unsubscribed",
        "slack.members_imported",
        "slack.workspace_removed",
        "answer.received",
    ],
    "privacy": [
        "subject.discovery_requested",
        "subject.export_requested",
        "subject.erasure_requested",
        "subject.rectification_requested",
        "subject.restriction_changed",
        "tenant.export_requested",
        "tenant.erasure_requested",
        "retention.due",
        "notification.requested",
    ],
}
DESIGN_REPLIES = [
    "subject.discovered",
    "subject.exported",
    "subject.erased",
    "subject.rectified",
    "subject.restriction_applied",
    "tenant.exported",
    "tenant.erased",
    "retention.applied",
    "keys.published",
]
DATA_SERVICES = ["accounts", "assessments", "delivery", "analytics"]

# Events analytics consumes: it must never receive a name or an email (DESIGN.md, P3/Q12).
ANALYTICS_BOUND = [
    "assessments.dispatch.created.v1",
    "assessments.answer.submitted.v1",
    "assessments.assessment.published.v1",
    "assessments.assessment.deleted.v1",
    "assessments.assessment.answers_deleted.v1",
    "assessments.question.published.v1",
    "assessments.participant.removed.v1",
    "assessments.participant.rekeyed.v1",
    "delivery.message.sent.v1",
    "delivery.message.delivered.v1",
    "delivery.message.bounced.v1",
    "delivery.message.suppressed.v1",
    "delivery.message.unsubscribed.v1",
    "privacy.subject.export_requested.v1",
    "privacy.subject.erasure_requested.v1",
    "privacy.subject.rekey_requested.v1",
    "privacy.subject.restriction_changed.v1",
    "privacy.tenant.export_requested.v1",
    "privacy.tenant.erasure_requested.v1",
    "privacy.retention.due.v1",
]

# Fields that may hold a person's name, and why DESIGN.md allows them.
ALLOWED_NAME_FIELDS = {
    (privacy.SubjectRectificationRequested, "corrected_name"),  # the correction itself
    (accounts.ClientRegistered, "organisation_name"),  # an organisation, not a person
}


def field_names(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, type, str]]:
    """Every field of a model and of the models nested in it: (path, owner, name)."""
    for name, field in model.model_fields.items():
        yield f"{prefix}{name}", model, name
        for nested in nested_models(field.annotation):
            yield from field_names(nested, f"{prefix}{name}.")


def nested_models(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            yield from nested_models(argument)


# --- the catalogue --------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", list(CATALOGUE))
def test_event_types_follow_the_routing_key_pattern(event_type: str) -> None:
    assert TYPE_PATTERN.fullmatch(event_type)


@pytest.mark.parametrize(
    ("module", "producer"),
    [
        (accounts, Service.ACCOUNTS),
        (assessments, Service.ASSESSMENTS),
        (delivery, Service.DELIVERY),
        (privacy, Service.PRIVACY),
    ],
)
def test_each_producer_module_registers_only_its_own_types(
    module: types.ModuleType, producer: Service
) -> None:
    assert module.EVENTS
    for event_type in module.EVENTS:
        assert event_type.startswith(f"{producer}.")
        assert producer_of(event_type) is producer
    assert set(module.EVENTS) <= set(event_types_of(producer))


@pytest.mark.parametrize("service", list(DataService))
def test_replies_are_registered_under_each_data_service(service: DataService) -> None:
    for event_type, model in replies.reply_events(service).items():
        assert event_type.startswith(f"{service}.")
        assert model_for(event_type) is model


def test_every_event_of_design_md_is_catalogued() -> None:
    expected = {
        f"{producer}.{event}.v1" for producer, events in DESIGN_EVENTS.items() for event in events
    } | {f"{service}.{reply}.v1" for service in DATA_SERVICES for reply in DESIGN_REPLIES}
    assert expected - set(CATALOGUE) == set()


def test_a_reply_model_is_defined_once_and_registered_for_every_data_service() -> None:
    for model in replies.REPLY_MODELS.values():
        assert {producer_of(event_type) for event_type in event_types_for(model)} == {
            Service(service) for service in DataService
        }


def test_unknown_types_are_refused_by_the_catalogue() -> None:
    with pytest.raises(UnknownEventTypeError):
        model_for("accounts.client.teleported.v1")
    with pytest.raises(UnknownEventTypeError):
        producer_of("nobody.client.registered.v1")


# --- the envelope ---------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", list(CATALOGUE))
def test_wrap_then_json_then_parse_gives_the_same_event(
    event_type: str, example: Callable[[str], EventData]
) -> None:
    data = example(event_type)
    envelope = Envelope.wrap(
        data,
        source=producer_of(event_type),
        event_type=event_type,
        correlation_id="request-42",
        causation_id=uuid7(),
        traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    )

    parsed = parse_envelope(envelope.to_json())

    assert parsed == envelope
    assert type(parsed.data) is model_for(event_type)
    assert parsed.data == data


def test_wrap_infers_type_source_tenant_and_subject_from_the_data(
    example: Callable[[str], EventData],
) -> None:
    data = example("assessments.answer.submitted.v1")

    envelope = Envelope.wrap(data)

    assert envelope.type == "assessments.answer.submitted.v1"
    assert envelope.source is Service.ASSESSMENTS
    assert envelope.tenant_id == getattr(data, "tenant_id", None)
    assert envelope.subject_ref == getattr(data, "subject_ref", None)
    assert envelope.occurred_at.tzinfo is UTC
    assert envelope.id.version == 7


def test_a_reply_names_its_service_and_so_its_type(example: Callable[[str], EventData]) -> None:
    data = example("delivery.subject.erased.v1")

    assert Envelope.wrap(data).type == "delivery.subject.erased.v1"


def test_a_model_several_services_publish_needs_the_source(
    example: Callable[[str], EventData],
) -> None:
    notice = example("accounts.notification.requested.v1")
    assert isinstance(notice, notifications.NotificationRequested)

    with pytest.raises(EventTypeNotInferableError):
        Envelope.wrap(notice)
    assert Envelope.wrap(notice, source=Service.ASSESSMENTS).type == (
        "assessments.notification.requested.v1"
    )


def test_a_dispatch_message_status_carries_its_subject_into_the_envelope(
    example: Callable[[str], EventData],
) -> None:
    envelope = Envelope.wrap(example("delivery.message.sent.v1"))

    assert envelope.subject_ref is not None


def test_the_envelope_refuses_data_that_contradicts_it(
    example: Callable[[str], EventData],
) -> None:
    data = example("assessments.participant.removed.v1")
    with pytest.raises(ValueError, match="tenant_id"):
        Envelope.wrap(data, tenant_id=UUID(int=1))
    with pytest.raises(ValueError, match="not published by"):
        Envelope.wrap(data, event_type="assessments.participant.removed.v1", source=Service.PRIVACY)
    with pytest.raises(ValueError, match="carries"):
        Envelope.wrap(data, event_type="assessments.assessment.deleted.v1")


def test_occurred_at_is_kept_in_utc(example: Callable[[str], EventData]) -> None:
    local = datetime.fromisoformat("2025-03-30T04:30:00+03:00")

    envelope = Envelope.wrap(example("accounts.user.removed.v1"), occurred_at=local)

    assert envelope.occurred_at == local
    assert envelope.occurred_at.tzinfo is UTC
    assert b'"occurred_at":"2025-03-30T01:30:00Z"' in envelope.to_json()


def test_an_unknown_type_is_unreadable(example: Callable[[str], EventData]) -> None:
    raw = Envelope.wrap(example("accounts.user.removed.v1")).to_json()
    renamed = raw.replace(b"accounts.user.removed.v1", b"accounts.user.vanished.v1")

    with pytest.raises(UnknownEventTypeError) as raised:
        parse_envelope(renamed)
    assert isinstance(raised.value, UnreadableEventError)


def test_data_that_does_not_match_its_model_is_unreadable_and_the_error_holds_no_value(
    example: Callable[[str], EventData],
) -> None:
    raw = Envelope.wrap(example("delivery.slack.members_imported.v1")).to_json()
    tampered = raw.replace(b'"user_id":"U0456DEF"', b'"user_id":"U0456DEF","real_name":"Mari"')
    tampered = tampered.replace(b"mari@example.com", b"not an email")

    with pytest.raises(InvalidEventDataError) as raised:
        parse_envelope(tampered)

    assert isinstance(raised.value, UnreadableEventError)
    assert raised.value.event_type == "delivery.slack.members_imported.v1"
    assert any("real_name" in problem for problem in raised.value.problems)
    assert any("members.0.email" in problem for problem in raised.value.problems)
    assert "Mari" not in str(raised.value)
    assert "not an email" not in str(raised.value)
    assert raised.value.__cause__ is None


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"{}",
        b'{"id": "x", "type": "accounts.user.removed.v1", "data": {}}',
    ],
)
def test_a_broken_envelope_is_unreadable(raw: bytes) -> None:
    with pytest.raises(MalformedEnvelopeError):
        parse_envelope(raw)


def test_an_envelope_whose_fields_contradict_its_data_is_malformed(
    example: Callable[[str], EventData],
) -> None:
    raw = Envelope.wrap(example("accounts.user.removed.v1")).to_json()
    retenanted = raw.replace(
        b'"tenant_id":"0192f0c4-0000-7000-8000-000000000001","subject_ref"',
        b'"tenant_id":"0192f0c4-0000-7000-8000-0000000000ff","subject_ref"',
        1,
    )
    assert retenanted != raw

    with pytest.raises(MalformedEnvelopeError, match="tenant_id"):
        parse_envelope(retenanted)


def test_uuid7_ids_are_version_7_and_ordered_by_time() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    ids = [uuid7() for _ in range(10_000)]

    assert all(value.version == 7 and value.variant == "specified in RFC 4122" for value in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert before <= uuid7_time(ids[0]) <= uuid7_time(ids[-1]) <= datetime.now(UTC)


# --- what events may carry ------------------------------------------------------------------


def model_name(model: type[EventData]) -> str:
    return model.__name__


MODELS = sorted(set(CATALOGUE.values()), key=model_name)


@pytest.mark.parametrize("model", MODELS)
def test_no_event_carries_a_password_token_secret_or_answer_text(
    model: type[EventData],
) -> None:
    for path, _, name in field_names(model):
        assert not re.search(r"password|passwd|secret|token", name), path
        assert name not in {"free_text", "answer_text", "text_answer", "answer"}, path
        assert "answer_text" not in name, path


@pytest.mark.parametrize("model", MODELS)
def test_names_of_people_appear_only_where_design_md_allows(model: type[EventData]) -> None:
    for path, owner, name in field_names(model):
        if name == "name" or name.endswith("_name"):
            assert (owner, name) in ALLOWED_NAME_FIELDS, path


def test_free_text_is_only_ever_flagged_never_sent() -> None:
    fields = assessments.AnswerSubmitted.model_fields
    assert fields["free_text_given"].annotation is bool


@pytest.mark.parametrize("event_type", ANALYTICS_BOUND)
def test_events_analytics_consumes_hold_no_email_and_no_name(event_type: str) -> None:
    for path, _, name in field_names(model_for(event_type)):
        assert "email" not in name, f"{event_type}: {path}"
        assert "name" not in name, f"{event_type}: {path}"
        assert "address" not in name, f"{event_type}: {path}"


def test_only_the_events_meant_for_people_holding_emails_carry_one() -> None:
    carrying_email = {
        event_type
        for event_type, model in CATALOGUE.items()
        if any("email" in name or name == "address" for _, _, name in field_names(model))
    }

    assert carrying_email == {
        "accounts.notification.requested.v1",
        "assessments.notification.requested.v1",
        "privacy.notification.requested.v1",
        "assessments.dispatch.requested.v1",
        "delivery.slack.members_imported.v1",
        "privacy.subject.discovery_requested.v1",
        "privacy.subject.rectification_requested.v1",
    }


def test_a_dispatch_needs_a_contact_and_fallback_needs_an_email(
    example: Callable[[str], EventData],
) -> None:
    dispatch = example("assessments.dispatch.requested.v1")
    fields = dispatch.model_dump()
    with pytest.raises(ValueError, match="at least one contact"):
        assessments.DispatchRequested.model_validate(
            {**fields, "contacts": {"email": None, "slack": None}}
        )
    with pytest.raises(ValueError, match="email fallback"):
        assessments.DispatchRequested.model_validate(
            {**fields, "contacts": {"email": None, "slack": fields["contacts"]["slack"]}}
        )


def test_a_receipt_signs_canonical_bytes_without_its_signature(
    example: Callable[[str], EventData],
) -> None:
    erased = example("analytics.subject.erased.v1")
    assert isinstance(erased, replies.SubjectErased)

    signed_bytes = erased.receipt.signing_bytes()

    assert b"signature" not in signed_bytes
    assert signed_bytes.startswith(b'{"completed_at":"2025-03-30T00:30:00.123000Z"')
    assert erased.receipt.model_copy(update={"signature": "x"}).signing_bytes() == signed_bytes


def test_a_reply_refuses_a_receipt_for_another_request_or_service(
    example: Callable[[str], EventData],
) -> None:
    erased = example("analytics.subject.erased.v1")
    assert isinstance(erased, replies.SubjectErased)
    foreign = erased.receipt.model_copy(update={"service": DataService.DELIVERY})

    with pytest.raises(ValueError, match="receipt"):
        replies.SubjectErased(service=erased.service, request_id=erased.request_id, receipt=foreign)


def test_a_notice_to_a_single_address_names_its_language(
    example: Callable[[str], EventData],
) -> None:
    notice = example("privacy.notification.requested.v1")
    fields = notice.model_dump()

    with pytest.raises(ValueError, match="language"):
        privacy.PrivacyNotificationRequested.model_validate(
            {**fields, "address": "mari@example.com", "language": None}
        )
    privacy.PrivacyNotificationRequested.model_validate(
        {**fields, "address": "mari@example.com", "language": Language.ESTONIAN}
    )


def test_a_participant_rekeying_moves_to_another_reference_and_carries_no_email(
    example: Callable[[str], EventData],
) -> None:
    rekeyed = example("assessments.participant.rekeyed.v1")
    assert isinstance(rekeyed, assessments.ParticipantRekeyed)

    assert Envelope.wrap(rekeyed).subject_ref == rekeyed.subject_ref
    assert {name for _, _, name in field_names(assessments.ParticipantRekeyed)} == {
        "tenant_id",
        "subject_ref",
        "new_subject_ref",
    }
    with pytest.raises(ValueError, match="another subject_ref"):
        assessments.ParticipantRekeyed.model_validate(
            {**rekeyed.model_dump(), "new_subject_ref": rekeyed.subject_ref}
        )
