"""What the breach API takes and gives."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints, model_validator

from privacy.breaches.census import PeopleEstimate
from privacy.requests.models import SubjectKind

LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class BreachFields(BaseModel):
    """What the privacy officer records about a breach (GDPR art. 33(3), 33(5))."""

    discovered_at: datetime
    nature: LongText
    data_category_ids: Annotated[list[UUID], Field(min_length=1, max_length=100)]
    """Categories of the register of processing concerned."""
    tenant_ids: Annotated[list[UUID], Field(min_length=1, max_length=1000)]
    """The affected clients."""
    approximate_records: Annotated[int, Field(ge=0)] | None = None
    likely_consequences: LongText
    measures_taken: LongText
    measures_proposed: LongText

    @model_validator(mode="after")
    def _aware_and_distinct(self) -> Self:
        if self.discovered_at.tzinfo is None:
            raise ValueError("discovered_at needs a time zone")
        self.data_category_ids = list(dict.fromkeys(self.data_category_ids))
        self.tenant_ids = list(dict.fromkeys(self.tenant_ids))
        return self


class AuthorityNotification(BaseModel):
    """The supervisory authority was told: when, its case reference, why late if late."""

    notified_at: datetime
    reference: ShortText | None = None
    delay_reasons: LongText | None = None

    @model_validator(mode="after")
    def _aware(self) -> Self:
        if self.notified_at.tzinfo is None:
            raise ValueError("notified_at needs a time zone")
        return self


class Audience(StrEnum):
    CLIENT_USERS = "client_users"
    CLIENT_PARTICIPANTS = "client_participants"


class NoticeOrder(BaseModel):
    """Tell the affected people (art. 34): the clients' users, participants, or both."""

    audiences: Annotated[list[Audience], Field(min_length=1, max_length=2)]
    summary: LongText | None = None
    """In plain language; by default the breach's nature, likely consequences and measures."""


class DataCategory(BaseModel):
    id: UUID
    category: str
    subject_kind: SubjectKind


class NoticeCounts(BaseModel):
    """Per-person notices: asked of delivery, and what delivery reported."""

    group_notices: int
    requested: int
    sent: int
    delivered: int
    bounced: int
    suppressed: int


class BreachView(BaseModel):
    id: UUID
    reference: str
    discovered_at: datetime
    deadline: datetime
    hours_left: float
    """Until the authority must be notified; negative once overdue; frozen once notified."""
    overdue: bool
    nature: str
    data_categories: list[DataCategory]
    people_categories: list[SubjectKind]
    tenant_ids: list[UUID]
    approximate_records: int | None
    approximate_people: PeopleEstimate
    likely_consequences: str
    measures_taken: str
    measures_proposed: str
    data_protection_contact: str
    supervisory_authority: str
    authority_notified_at: datetime | None
    authority_reference: str | None
    delay_reasons: str | None
    escalated_marks: list[int]
    census_requested_at: datetime | None
    notices: NoticeCounts
    recorded_at: datetime
    updated_at: datetime


class BreachSummary(BaseModel):
    id: UUID
    reference: str
    discovered_at: datetime
    deadline: datetime
    hours_left: float
    overdue: bool
    authority_notified_at: datetime | None


class BreachPage(BaseModel):
    items: list[BreachSummary]
    total: int
    page: int
    page_size: int
