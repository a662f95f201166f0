"""The policy API's bodies and answers."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from privacy.policies.models import AcceptanceChannel, PolicyAcceptance, PolicyVersion

Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"),
]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
PolicyText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200_000)
]
HttpsUrl = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^https://\S+$")
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class NewPolicyVersion(BaseModel):
    """A version to publish: in Estonian and English, each as text or as a link to it."""

    model_config = ConfigDict(extra="forbid")

    label: Label
    """E.g. ``2027-01``; letters, digits, ``.``, ``_``, ``-``."""
    effective_on: date
    summary: Summary
    """What changes, in brief: the announcement and the public page show it."""
    text_et: PolicyText | None = None
    text_en: PolicyText | None = None
    url_et: HttpsUrl | None = None
    url_en: HttpsUrl | None = None

    @model_validator(mode="after")
    def _each_language_once(self) -> Self:
        for language, text, url in (
            ("et", self.text_et, self.url_et),
            ("en", self.text_en, self.url_en),
        ):
            if (text is None) == (url is None):
                raise ValueError(
                    f"give the {language} version as text_{language} or url_{language}"
                )
        return self


class Withdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class VersionStatus(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class PublicVersion(BaseModel):
    """A version as anyone may read it."""

    label: str
    effective_on: date
    effective_at: datetime
    summary: str
    text_et: str | None
    text_en: str | None
    url_et: str | None
    url_en: str | None
    published_at: datetime

    @classmethod
    def of(cls, version: PolicyVersion) -> Self:
        return cls(
            label=version.label,
            effective_on=version.effective_on,
            effective_at=version.effective_at,
            summary=version.summary,
            text_et=version.text_et,
            text_en=version.text_en,
            url_et=version.url_et,
            url_en=version.url_en,
            published_at=version.published_at,
        )


class PublicPolicies(BaseModel):
    """The version in effect now (None before the first) and those announced to follow."""

    current: PublicVersion | None
    upcoming: list[PublicVersion]


class OfficerVersion(PublicVersion):
    """A version as the privacy officer manages it, with how many users accepted it."""

    id: UUID
    status: VersionStatus
    published_by: UUID
    withdrawn_at: datetime | None
    withdrawn_by: UUID | None
    withdrawal_reason: str | None
    acceptances: int

    @classmethod
    def of_counted(cls, version: PolicyVersion, *, status: VersionStatus, acceptances: int) -> Self:
        return cls(
            **PublicVersion.of(version).model_dump(),
            id=version.id,
            status=status,
            published_by=version.published_by,
            withdrawn_at=version.withdrawn_at,
            withdrawn_by=version.withdrawn_by,
            withdrawal_reason=version.withdrawal_reason,
            acceptances=acceptances,
        )


class OfficerVersionPage(BaseModel):
    items: list[OfficerVersion]
    total: int
    page: int
    page_size: int


class NewAcceptance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: Label
    channel: AcceptanceChannel = AcceptanceChannel.SIGN_IN_PROMPT


class Acceptance(BaseModel):
    """A user's acceptance of one version: who, in which client, which version, when, how."""

    id: UUID
    user_id: UUID
    tenant_id: UUID
    label: str
    effective_on: date
    accepted_at: datetime
    channel: AcceptanceChannel

    @classmethod
    def of(cls, acceptance: PolicyAcceptance, version: PolicyVersion) -> Self:
        return cls(
            id=acceptance.id,
            user_id=acceptance.user_id,
            tenant_id=acceptance.tenant_id,
            label=version.label,
            effective_on=version.effective_on,
            accepted_at=acceptance.accepted_at,
            channel=acceptance.channel,
        )


class AcceptancePage(BaseModel):
    items: list[Acceptance]
    total: int
    page: int
    page_size: int
