"""Events delivery publishes: what happened to messages, Slack workspaces, Slack answers."""

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Final, Literal
from uuid import UUID

from pydantic import Field

from contracts.base import ContractModel, EventData
from contracts.vocabulary import Channel, EmailAddress, SlackId, SlackUser, SubjectRef, UtcDatetime

MESSAGE_SENT: Final = "delivery.message.sent.v1"
MESSAGE_DELIVERED: Final = "delivery.message.delivered.v1"
MESSAGE_BOUNCED: Final = "delivery.message.bounced.v1"
MESSAGE_SUPPRESSED: Final = "delivery.message.suppressed.v1"
MESSAGE_UNSUBSCRIBED: Final = "delivery.message.unsubscribed.v1"
SLACK_MEMBERS_IMPORTED: Final = "delivery.slack.members_imported.v1"
SLACK_WORKSPACE_REMOVED: Final = "delivery.slack.workspace_removed.v1"
ANSWER_RECEIVED: Final = "delivery.answer.received.v1"


class DispatchMessage(ContractModel):
    """A message that carried a dispatch (a question or quiz invitation)."""

    kind: Literal["dispatch"]
    dispatch_id: UUID
    assessment_id: UUID
    subject_ref: SubjectRef


class NoticeMessage(ContractModel):
    """A message that carried a notice."""

    kind: Literal["notice"]
    notice_id: UUID


MessageSubject = Annotated[DispatchMessage | NoticeMessage, Field(discriminator="kind")]


class MessageStatus(EventData):
    """What happened to one message on one channel."""

    tenant_id: UUID | None
    """None for notices to platform staff and the public."""
    channel: Channel
    message: MessageSubject

    def subject_of(self) -> str | None:
        """The participant a dispatch message went to; None for notices."""
        return self.message.subject_ref if isinstance(self.message, DispatchMessage) else None


class MessageSent(MessageStatus):
    """The provider accepted the message."""


class MessageDelivered(MessageStatus):
    """The provider reports the message delivered."""


class BounceReason(StrEnum):
    """Why a message came back."""

    PERMANENT = "permanent"
    TRANSIENT = "transient"
    COMPLAINT = "complaint"
    REJECTED = "rejected"


class MessageBounced(MessageStatus):
    """The message bounced, was rejected, or its recipient complained."""

    reason: BounceReason


class SuppressionReason(StrEnum):
    """Why a message was not sent."""

    BOUNCED = "bounced"
    COMPLAINED = "complained"
    UNSUBSCRIBED = "unsubscribed"
    RESTRICTED = "restricted"
    CONSENT_WITHDRAWN = "consent_withdrawn"


class MessageSuppressed(MessageStatus):
    """The message was not sent, and never will be."""

    reason: SuppressionReason


class MessageUnsubscribed(EventData):
    """A participant unsubscribed from this client's emails."""

    tenant_id: UUID
    subject_ref: SubjectRef


class SlackMember(ContractModel):
    """A workspace member who can be reached: Slack id and email, nothing else (P4)."""

    user_id: SlackId
    email: EmailAddress


class SlackMembersImported(EventData):
    """The whole reachable membership of a client's Slack workspace, as it now is."""

    tenant_id: UUID
    team_id: SlackId
    members: list[SlackMember]


class SlackWorkspaceRemoved(EventData):
    """A Slack workspace uninstalled Soket: forget its members' Slack ids."""

    tenant_id: UUID
    team_id: SlackId


class AnswerReceived(EventData):
    """A participant pressed an answer button in Slack."""

    tenant_id: UUID
    dispatch_id: UUID
    chosen_option_ids: list[UUID]
    pressed_by: SlackUser
    pressed_at: UtcDatetime


EVENTS: Final[Mapping[str, type[EventData]]] = {
    MESSAGE_SENT: MessageSent,
    MESSAGE_DELIVERED: MessageDelivered,
    MESSAGE_BOUNCED: MessageBounced,
    MESSAGE_SUPPRESSED: MessageSuppressed,
    MESSAGE_UNSUBSCRIBED: MessageUnsubscribed,
    SLACK_MEMBERS_IMPORTED: SlackMembersImported,
    SLACK_WORKSPACE_REMOVED: SlackWorkspaceRemoved,
    ANSWER_RECEIVED: AnswerReceived,
}
