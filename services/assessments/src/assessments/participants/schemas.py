from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from assessments.participants.emails import checked_email
from contracts.vocabulary import Language

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(checked_email)]


class ParticipantCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: Email
    language: Language | None = None
    """The client's language when not given."""
    group_ids: list[UUID] = Field(default_factory=list, max_length=100)


class ParticipantUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    email: Email | None = None
    language: Language | None = None


class ParticipantRead(BaseModel):
    id: UUID
    name: str
    email: str
    language: Language
    slack_linked: bool
    restricted: bool
    email_unsubscribed: bool
    group_ids: list[UUID]
    created_at: datetime
    subject_ref: str
    """The pseudonym analytics and delivery know the person by: the client's pages join their
    figures to the name with it."""


class RefusedRow(BaseModel):
    line: int
    """The line of the CSV file (the header is line 1)."""
    reason: str


class ImportReport(BaseModel):
    rows: int
    created: int
    updated: int
    unchanged: int
    refused: list[RefusedRow]
