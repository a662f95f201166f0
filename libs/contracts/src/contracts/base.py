"""The base models every contract model derives from."""

from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ContractModel(BaseModel):
    """An immutable value in an event; unknown fields are refused so drift is noticed."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class EventData(ContractModel):
    """The ``data`` of one event type; the catalogue maps each type to its model."""

    def tenant_of(self) -> UUID | None:
        """The client this event is about, which the envelope repeats."""
        tenant_id = getattr(self, "tenant_id", None)
        return tenant_id if isinstance(tenant_id, UUID) else None

    def subject_of(self) -> str | None:
        """The ``subject_ref`` of the person this event is about, which the envelope repeats."""
        subject_ref = getattr(self, "subject_ref", None)
        return subject_ref if isinstance(subject_ref, str) else None
