"""The envelope every event travels in (DESIGN.md, "Messaging"), and how to read one."""

from datetime import UTC, datetime
from typing import Annotated, Generic, Self, TypeVar
from uuid import UUID

from pydantic import (
    ConfigDict,
    JsonValue,
    SerializeAsAny,
    StringConstraints,
    ValidationError,
    model_validator,
)

from contracts.base import ContractModel, EventData
from contracts.catalogue import EVENT_TYPE_PATTERN, event_types_for, model_for, producer_of
from contracts.errors import (
    EventTypeNotInferableError,
    InvalidEventDataError,
    MalformedEnvelopeError,
    describe_problems,
)
from contracts.ids import uuid7
from contracts.vocabulary import CorrelationId, Service, SubjectRef, Traceparent, UtcDatetime

EventType = Annotated[str, StringConstraints(pattern=EVENT_TYPE_PATTERN.pattern)]

DataT = TypeVar("DataT", bound=EventData)
WrappedT = TypeVar("WrappedT", bound=EventData)


class EnvelopeHeader(ContractModel):
    """The envelope's fields around its data."""

    id: UUID
    """A UUIDv7: consumers record it to skip redeliveries."""
    type: EventType
    """``<service>.<aggregate>.<event>.v<N>``, also the routing key."""
    source: Service
    """The service that published the event."""
    occurred_at: UtcDatetime
    tenant_id: UUID | None
    """The client the event is about, if any."""
    subject_ref: SubjectRef | None
    """The person the event is about, if any."""
    correlation_id: CorrelationId | None
    causation_id: UUID | None
    """The id of the event that caused this one."""
    traceparent: Traceparent | None


class WireEnvelope(EnvelopeHeader):
    """An envelope as it travels, its data not yet read against the catalogue."""

    model_config = ConfigDict(title="Envelope")

    data: dict[str, JsonValue]


class Envelope(EnvelopeHeader, Generic[DataT]):
    """One event: routing and tracing fields around data of the model its type names."""

    data: SerializeAsAny[DataT]

    @model_validator(mode="after")
    def _agrees_with_its_data(self) -> Self:
        registered = model_for(self.type)
        if type(self.data) is not registered:
            raise ValueError(f"{self.type} carries {registered.__name__} data")
        if producer_of(self.type) is not self.source:
            raise ValueError(f"{self.type} is not published by {self.source}")
        declared_service = _declared_service(self.data)
        if declared_service is not None and declared_service is not self.source:
            raise ValueError(f"the data names {declared_service} as its service, not {self.source}")
        data_tenant, data_subject = self.data.tenant_of(), self.data.subject_of()
        if data_tenant is not None and data_tenant != self.tenant_id:
            raise ValueError("tenant_id differs from the data's tenant_id")
        if data_subject is not None and data_subject != self.subject_ref:
            raise ValueError("subject_ref differs from the data's subject_ref")
        return self

    @classmethod
    def wrap(
        cls,
        data: WrappedT,
        *,
        source: Service | None = None,
        event_type: str | None = None,
        tenant_id: UUID | None = None,
        subject_ref: str | None = None,
        correlation_id: str | None = None,
        causation_id: UUID | None = None,
        traceparent: str | None = None,
        occurred_at: datetime | None = None,
    ) -> "Envelope[WrappedT]":
        """A new envelope (fresh id, now) around ``data``.

        The type is inferred from the data's model and the source, which a privacy reply
        names itself; pass ``source`` for a model several services publish. ``tenant_id`` and
        ``subject_ref`` default to the data's own.
        """
        source = source or _declared_service(data)
        event_type = event_type or _inferred_type(data, source)
        return Envelope(
            id=uuid7(),
            type=event_type,
            source=source or producer_of(event_type),
            occurred_at=occurred_at or datetime.now(UTC),
            tenant_id=tenant_id if tenant_id is not None else data.tenant_of(),
            subject_ref=subject_ref if subject_ref is not None else data.subject_of(),
            correlation_id=correlation_id,
            causation_id=causation_id,
            traceparent=traceparent,
            data=data,
        )

    def to_json(self) -> bytes:
        """The envelope as the UTF-8 JSON that is published."""
        return self.model_dump_json().encode()


def parse_envelope(raw: bytes | str) -> Envelope[EventData]:
    """Read a published envelope, its data validated against the model its type names.

    Raises ``MalformedEnvelopeError``, ``UnknownEventTypeError`` or ``InvalidEventDataError``,
    each an ``UnreadableEventError``: the message cannot be handled; dead-letter it.
    """
    try:
        wire = WireEnvelope.model_validate_json(raw)
    except ValidationError as error:
        raise MalformedEnvelopeError("; ".join(describe_problems(error))) from None
    model = model_for(wire.type)
    try:
        data = model.model_validate(wire.data)
    except ValidationError as error:
        raise InvalidEventDataError(wire.type, describe_problems(error)) from None
    try:
        return Envelope(
            id=wire.id,
            type=wire.type,
            source=wire.source,
            occurred_at=wire.occurred_at,
            tenant_id=wire.tenant_id,
            subject_ref=wire.subject_ref,
            correlation_id=wire.correlation_id,
            causation_id=wire.causation_id,
            traceparent=wire.traceparent,
            data=data,
        )
    except ValidationError as error:
        raise MalformedEnvelopeError("; ".join(describe_problems(error))) from None


def _declared_service(data: EventData) -> Service | None:
    if "service" not in type(data).model_fields:  # a class lookup, not a failed getattr
        return None
    service = getattr(data, "service", None)
    return Service(service) if isinstance(service, str) else None


def _inferred_type(data: EventData, source: Service | None) -> str:
    candidates = [
        event_type
        for event_type in event_types_for(type(data))
        if source is None or producer_of(event_type) is source
    ]
    if len(candidates) != 1:
        raise EventTypeNotInferableError(
            f"{type(data).__name__} from {source or 'an unnamed source'} matches "
            f"{candidates or 'no catalogued type'}: pass source or event_type"
        )
    return candidates[0]
