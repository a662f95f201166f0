from datetime import datetime
from enum import StrEnum
from typing import Literal, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from contracts.events.notifications import ConsentPurpose
from contracts.vocabulary import Language
from privacy.consent.models import ConsentAction, ConsentChannel, ConsentEntry

_VERSION = Field(default=None, min_length=1, max_length=40)
_WORDING_MAX = 4000


class ConsentStanding(StrEnum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"
    OBJECTED = "objected"
    NOT_GIVEN = "not_given"


class ConsentState(BaseModel):
    """One purpose as it stands for the person: their latest entry, or never given."""

    purpose: ConsentPurpose
    granted: bool
    standing: ConsentStanding
    since: datetime | None
    policy_version: str | None

    @classmethod
    def of(cls, purpose: ConsentPurpose, entry: ConsentEntry | None) -> Self:
        if entry is None:
            return cls(
                purpose=purpose,
                granted=False,
                standing=ConsentStanding.NOT_GIVEN,
                since=None,
                policy_version=None,
            )
        standing = {
            ConsentAction.GRANT: ConsentStanding.GRANTED,
            ConsentAction.WITHDRAWAL: ConsentStanding.WITHDRAWN,
            ConsentAction.OBJECTION: ConsentStanding.OBJECTED,
        }[ConsentAction(entry.action)]
        return cls(
            purpose=purpose,
            granted=entry.granted,
            standing=standing,
            since=entry.at,
            policy_version=entry.policy_version,
        )


class ConsentStates(BaseModel):
    items: list[ConsentState]


class ConsentEntryView(BaseModel):
    """One line of the history, with its proof."""

    model_config = ConfigDict(from_attributes=True)

    id: UUID
    purpose: str
    action: ConsentAction
    granted: bool
    channel: ConsentChannel
    policy_version: str | None
    wording: str | None
    request_id: UUID | None
    actor_id: UUID | None
    at: datetime


class Person(BaseModel):
    tenant_id: UUID
    subject_ref: str


class ConsentHistory(BaseModel):
    person: Person
    current: list[ConsentState]
    items: list[ConsentEntryView]
    total: int
    page: int
    page_size: int


class GrantBody(BaseModel):
    """What the person agreed to, and the proof of it."""

    model_config = ConfigDict(extra="forbid")

    wording: str = Field(min_length=1, max_length=_WORDING_MAX, pattern=r"\S")
    """The text the person was shown and agreed to."""
    policy_version: str | None = _VERSION
    channel: Literal[ConsentChannel.WEB_APP, ConsentChannel.API] = ConsentChannel.API


class WithdrawalBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    wording: str | None = Field(default=None, min_length=1, max_length=_WORDING_MAX)
    """The text the person was shown when withdrawing, if any."""
    policy_version: str | None = _VERSION
    language: Language = Language.ESTONIAN


class ObjectionBody(BaseModel):
    """An objection to processing on legitimate interest (Q3), with the person's grounds."""

    model_config = ConfigDict(extra="forbid")

    purpose: ConsentPurpose | None = None
    """The purpose objected to; None: every purpose."""
    statement: str = Field(min_length=1, max_length=_WORDING_MAX, pattern=r"\S")
    language: Language = Language.ESTONIAN


class OpenedRequest(BaseModel):
    request_id: UUID
    reference: str
    request_type: str
    state: str
    consents: list[ConsentState]


class WeighingBody(BaseModel):
    """A decider's weighing of an objection (Q3): upheld, or rejected on compelling
    legitimate grounds that the person is told."""

    model_config = ConfigDict(extra="forbid")

    upheld: bool
    grounds: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _grounds_when_rejected(self) -> Self:
        if not self.upheld and not (self.grounds and self.grounds.strip()):
            raise ValueError("a rejected objection needs the compelling legitimate grounds")
        return self


class WeighedObjection(BaseModel):
    request_id: UUID
    reference: str
    state: str


class MailingBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headline: str = Field(min_length=1, max_length=200, pattern=r"\S")
    link: HttpUrl


class MailingQueued(BaseModel):
    notice_id: UUID
    purpose: ConsentPurpose


class OwnConsentRequest(BaseModel):
    """A withdrawal or objection as its person reads it, a rejection's grounds included."""

    request_id: UUID
    reference: str
    request_type: str
    purpose: str | None
    state: str
    received_at: datetime
    decided_at: datetime | None
    reason: str | None
    """Why an objection was rejected (the compelling legitimate grounds), in their language."""


class OwnConsentRequests(BaseModel):
    items: list[OwnConsentRequest]
    total: int
    page: int
    page_size: int
