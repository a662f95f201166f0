"""Types shared by many events: services, channels, languages, identifiers and addresses."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, StringConstraints

from contracts.base import ContractModel


class Service(StrEnum):
    """A Soket service, as it appears first in its event types."""

    ACCOUNTS = "accounts"
    ASSESSMENTS = "assessments"
    DELIVERY = "delivery"
    ANALYTICS = "analytics"
    PRIVACY = "privacy"


class DataService(StrEnum):
    """A service that holds personal data and answers the privacy contract."""

    ACCOUNTS = "accounts"
    ASSESSMENTS = "assessments"
    DELIVERY = "delivery"
    ANALYTICS = "analytics"


class Channel(StrEnum):
    """A way to reach a participant."""

    EMAIL = "email"
    SLACK = "slack"


class Language(StrEnum):
    """A language Soket writes in."""

    ESTONIAN = "et"
    ENGLISH = "en"


class ClientRole(StrEnum):
    """The role of a client's user."""

    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


def _in_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_in_utc)]
"""A timezone-aware moment, normalised to UTC."""

SubjectRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z2-7]{52}(?:====)?$")]
"""base32 of HMAC-SHA256(SUBJECT_REF_KEY, "<tenant_id>:<normalised email>") (DESIGN.md)."""

EmailAddress = Annotated[str, StringConstraints(max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")]
"""An email address (checked fully where it is first taken in; here only its shape)."""

TimeZoneName = Annotated[
    str,
    StringConstraints(max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*$"),
]
"""An IANA time zone name, e.g. ``Europe/Tallinn``."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Client-written content (titles, questions, options, explanations): never a person's data."""

Identifier = Annotated[str, StringConstraints(max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
"""A lower-case machine name: a table, a data category, a template parameter."""

TableName = Annotated[
    str, StringConstraints(max_length=128, pattern=r"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?$")
]
"""A database table, optionally qualified by its schema."""

SlackId = Annotated[str, StringConstraints(max_length=32, pattern=r"^[A-Z][A-Z0-9]{2,}$")]
"""A Slack team or user id, e.g. ``T0123ABC`` or ``U0456DEF``."""

KeyId = Annotated[str, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9._\-]+$")]
"""The id of a signing key."""

Ed25519PublicKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$")]
"""A raw 32-byte Ed25519 public key, base64."""

Ed25519Signature = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{86}==$")]
"""A 64-byte Ed25519 signature, base64."""

Traceparent = Annotated[
    str, StringConstraints(pattern=r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
]
"""A W3C trace-context ``traceparent`` header."""

CorrelationId = Annotated[str, StringConstraints(min_length=1, max_length=128)]
"""The id that ties together everything done for one request or job."""


class SlackUser(ContractModel):
    """A person in a Slack workspace."""

    team_id: SlackId
    user_id: SlackId
