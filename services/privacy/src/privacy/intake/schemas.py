import re
from datetime import date, datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, model_validator

from chassis.privacy.subject_ref import normalise_email
from contracts.vocabulary import Language
from privacy.requests.models import RequestType

_ADDRESS = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)+$")


def _checked_email(value: str) -> str:
    address = normalise_email(value) if "@" in value else value
    if not _ADDRESS.match(address) or len(address) > 254:
        raise ValueError("not a valid email address")
    return address


Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(_checked_email)]
"""An address someone typed: refused with a 422 unless it looks like one; normalised."""
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{6}$")]
StatusToken = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class RequestForm(BaseModel):
    """What a person asks for: the type, and what a rectification or restriction needs."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    request_type: RequestType
    language: Language
    corrected_email: Email | None = None
    corrected_name: Name | None = None
    restrict: bool | None = None

    @model_validator(mode="after")
    def _fields_fit_the_type(self) -> Self:
        rectification = self.request_type is RequestType.RECTIFICATION
        corrects = self.corrected_email is not None or self.corrected_name is not None
        if rectification and not corrects:
            raise ValueError("a rectification needs corrected_email, corrected_name or both")
        if corrects and not rectification:
            raise ValueError("corrected_email and corrected_name are only for a rectification")
        if rectification and self.corrected_email == self.email:
            raise ValueError("corrected_email is the address the request is about already")
        restriction = self.request_type is RequestType.RESTRICTION
        if restriction and self.restrict is None:
            raise ValueError("a restriction needs restrict: true to apply it, false to lift it")
        if self.restrict is not None and not restriction:
            raise ValueError("restrict is only for a restriction")
        return self


class IntakeAccepted(BaseModel):
    intake_id: UUID
    status_token: str
    """Shown once: it reads the status and withdraws the requests."""


class PublicVerification(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code
    status_token: StatusToken


class StatusTokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status_token: StatusToken


class IntakeStateOut(BaseModel):
    state: str


class PublicRequestStatus(BaseModel):
    reference: str
    request_type: RequestType
    state: str
    due_on: date
    days_left: int
    download_link: str | None = None


class IntakeStatus(BaseModel):
    state: str
    """``awaiting_code``, ``discovering``, ``opened``, ``withdrawn`` or ``expired``."""
    requests: list[PublicRequestStatus]


class WithdrawalOut(BaseModel):
    state: str
    withdrawn: list[str]
    """The references withdrawn now."""
    past_point_of_no_return: list[str]
    """Open requests whose work had started already: they run to the end."""


class CodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code


class OwnRequest(BaseModel):
    id: UUID
    reference: str
    request_type: RequestType
    state: str
    received_at: datetime
    due_on: date
    days_left: int


class OwnRequestCreated(BaseModel):
    id: UUID
    reference: str
    state: str


class OwnRequestPage(BaseModel):
    items: list[OwnRequest]
    total: int
    page: int
    page_size: int
