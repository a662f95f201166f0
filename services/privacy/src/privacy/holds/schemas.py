from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.vocabulary import EmailAddress
from privacy.holds.models import LegalHold


class HoldFields(BaseModel):
    """A hold on a client (``tenant_id`` alone) or on one of its people (with ``email`` or
    ``subject_ref``; only the ``subject_ref`` is kept)."""

    model_config = ConfigDict(extra="forbid")

    tenant_id: UUID
    email: EmailAddress | None = None
    subject_ref: str | None = Field(default=None, min_length=1, max_length=56)
    reason: str = Field(min_length=3, max_length=2000)
    owner: str = Field(min_length=2, max_length=200)
    """The person answerable for the hold."""

    @model_validator(mode="after")
    def _one_person_at_most(self) -> Self:
        if self.email is not None and self.subject_ref is not None:
            raise ValueError("name the person by email or by subject_ref, not both")
        if not self.reason.strip() or not self.owner.strip():
            raise ValueError("a hold needs a reason and an owner")
        return self


class ReleaseFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000)


class Hold(BaseModel):
    id: UUID
    tenant_id: UUID
    subject_ref: str | None
    scope: str
    """``client`` or ``person``."""
    reason: str
    owner: str
    placed_by: UUID
    placed_at: datetime
    released_by: UUID | None
    released_at: datetime | None
    release_note: str | None
    active: bool

    @classmethod
    def of(cls, hold: LegalHold) -> "Hold":
        return cls(
            id=hold.id,
            tenant_id=hold.tenant_id,
            subject_ref=hold.subject_ref,
            scope="client" if hold.subject_ref is None else "person",
            reason=hold.reason,
            owner=hold.owner,
            placed_by=hold.placed_by,
            placed_at=hold.placed_at,
            released_by=hold.released_by,
            released_at=hold.released_at,
            release_note=hold.release_note,
            active=hold.released_at is None,
        )


class HoldPage(BaseModel):
    items: list[Hold]
    total: int
    page: int
    page_size: int
