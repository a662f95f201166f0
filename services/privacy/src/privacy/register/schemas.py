from datetime import datetime
from typing import Annotated, Self, TypeVar
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from privacy.register.models import EngagedBy, LegalBasis, SoketRole
from privacy.register.places import outside_eu_eea
from privacy.requests.models import SubjectKind

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Url = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^https?://\S+$")
]
Country = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
]


T = TypeVar("T")


def _distinct(values: list[T]) -> list[T]:
    if len(set(values)) != len(values):
        raise ValueError("list each value once")
    return values


class Purpose(BaseModel):
    """One purpose of an activity and the legal basis it rests on (P2, Q1)."""

    model_config = ConfigDict(extra="forbid")

    purpose: Line
    purpose_et: Line | None = None
    legal_basis: LegalBasis
    basis_note: Text | None = None


class ActivityFields(BaseModel):
    """An activity as a privacy officer writes it (POST creates, PUT replaces)."""

    model_config = ConfigDict(extra="forbid")

    category: Line
    category_et: Line | None = None
    description: Text | None = None
    subject_kind: SubjectKind
    soket_role: SoketRole
    controller: Line
    source: Text
    purposes: list[Purpose] = Field(min_length=1, max_length=20)
    retention: Text
    recipients: list[Line] = Field(default_factory=list, max_length=30)
    processor_ids: Annotated[list[UUID], AfterValidator(_distinct)] = Field(
        default_factory=list, max_length=30
    )


class ProcessorFields(BaseModel):
    """A processor as a privacy officer writes it. One processing outside the EU/EEA needs
    its ``transfer`` (what leaves, and on which safeguard) said."""

    model_config = ConfigDict(extra="forbid")

    company: Line
    service: Text
    service_et: Text | None = None
    processed_in: Line
    countries: Annotated[list[Country], AfterValidator(_distinct)] = Field(
        min_length=1, max_length=30
    )
    engaged_by: EngagedBy
    transfer: Text | None = None
    terms_url: Url | None = None

    @model_validator(mode="after")
    def _transfer_said(self) -> Self:
        if outside_eu_eea(self.countries) and self.transfer is None:
            raise ValueError(
                "this processor works outside the EU/EEA: say what is transferred there and "
                "on which safeguard (transfer)"
            )
        return self


class ProcessorBrief(BaseModel):
    id: UUID
    company: str
    processed_in: str


class Activity(ActivityFields):
    id: UUID
    processors: list[ProcessorBrief]
    created_at: datetime
    updated_at: datetime


class Processor(ProcessorFields):
    id: UUID
    outside_eu_eea: bool
    activity_ids: list[UUID]
    created_at: datetime
    updated_at: datetime


class ActivityPage(BaseModel):
    items: list[Activity]
    total: int
    page: int
    page_size: int


class ProcessorPage(BaseModel):
    items: list[Processor]
    total: int
    page: int
    page_size: int


class Transfer(BaseModel):
    processor_id: UUID
    company: str
    countries: list[str]
    transfer: str


class Transfers(BaseModel):
    """Transfers outside the EU/EEA: none by default, then each processor that makes one."""

    by_default: str
    through: list[Transfer]


class RegisterDocument(BaseModel):
    """The whole record of processing activities (GDPR art. 30), as officers read and export it."""

    controller: str
    data_protection_contact: str
    supervisory_authority: str
    activities: list[Activity]
    processors: list[Processor]
    transfers: Transfers
    security_measures: list[str]


class PublicPurpose(BaseModel):
    purpose: str
    legal_basis: LegalBasis


class PublicCategory(BaseModel):
    category: str
    category_et: str | None
    data_subjects: SubjectKind
    soket_role: SoketRole
    controller: str
    purposes: list[PublicPurpose]
    retention: str


class PublicProcessor(BaseModel):
    company: str
    service: str
    processed_in: str
    countries: list[str]
    outside_eu_eea: bool
    engaged_by: EngagedBy
    terms_url: str | None


class PublicRegister(BaseModel):
    """What anyone may read: who processes what where, and whom to ask or complain to (Q17)."""

    controller: str
    data_protection_contact: str
    supervisory_authority: str
    right_to_complain: str
    processors: list[PublicProcessor]
    transfers: Transfers
    categories: list[PublicCategory]
