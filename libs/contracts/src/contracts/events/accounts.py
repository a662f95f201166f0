"""Events accounts publishes: clients, their settings and users, and notices."""

from collections.abc import Mapping
from typing import Final
from uuid import UUID

from contracts.base import EventData
from contracts.events.notifications import NotificationRequested
from contracts.vocabulary import ClientRole, Language, SubjectRef, Text, TimeZoneName

CLIENT_REGISTERED: Final = "accounts.client.registered.v1"
CLIENT_SETTINGS_CHANGED: Final = "accounts.client.settings_changed.v1"
CLIENT_OFFBOARDING_REQUESTED: Final = "accounts.client.offboarding_requested.v1"
USER_CREATED: Final = "accounts.user.created.v1"
USER_UPDATED: Final = "accounts.user.updated.v1"
USER_REMOVED: Final = "accounts.user.removed.v1"
NOTIFICATION_REQUESTED: Final = "accounts.notification.requested.v1"


class ClientRegistered(EventData):
    """A client signed up; its settings start as given here."""

    tenant_id: UUID
    organisation_name: Text
    time_zone: TimeZoneName
    language: Language


class ClientSettingsChanged(EventData):
    """A client's settings as they now are (the whole set, not a difference)."""

    tenant_id: UUID
    time_zone: TimeZoneName
    language: Language


class ClientOffboardingRequested(EventData):
    """A client admin asked to end the contract: privacy offers an export, then erases."""

    tenant_id: UUID
    requested_by_user_id: UUID


class UserCreated(EventData):
    """A client's user joined (signup or accepted invitation)."""

    tenant_id: UUID
    user_id: UUID
    subject_ref: SubjectRef
    role: ClientRole


class UserUpdated(EventData):
    """A client's user changed role or email; the fields are as they now are."""

    tenant_id: UUID
    user_id: UUID
    subject_ref: SubjectRef
    role: ClientRole


class UserRemoved(EventData):
    """A client's user was removed."""

    tenant_id: UUID
    user_id: UUID
    subject_ref: SubjectRef


EVENTS: Final[Mapping[str, type[EventData]]] = {
    CLIENT_REGISTERED: ClientRegistered,
    CLIENT_SETTINGS_CHANGED: ClientSettingsChanged,
    CLIENT_OFFBOARDING_REQUESTED: ClientOffboardingRequested,
    USER_CREATED: UserCreated,
    USER_UPDATED: UserUpdated,
    USER_REMOVED: UserRemoved,
    NOTIFICATION_REQUESTED: NotificationRequested,
}
