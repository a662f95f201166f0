"""What delivery consumes: its queues and the handler of each event type."""

from chassis.messaging.subscription import Subscription
from contracts.events import accounts, assessments, privacy
from delivery.consent.handlers import keep_consent_changes
from delivery.messages.handlers import (
    forget_assessment,
    forget_participant,
    queue_dispatches,
    queue_notices,
    queue_privacy_notices,
)
from delivery.rekeying.handlers import rekey_participants
from delivery.slack.handlers import replace_answered_question


def delivery_subscriptions() -> list[Subscription]:
    dispatches = Subscription(service="delivery", name="dispatches")
    dispatches.add_batch(assessments.DISPATCH_REQUESTED, queue_dispatches)
    dispatches.add(assessments.PARTICIPANT_REMOVED, forget_participant)
    dispatches.add_batch(assessments.PARTICIPANT_REKEYED, rekey_participants)
    dispatches.add(assessments.ASSESSMENT_DELETED, forget_assessment)
    dispatches.add(assessments.ANSWER_SUBMITTED, replace_answered_question)
    notices = Subscription(service="delivery", name="notices")
    notices.add_batch(accounts.NOTIFICATION_REQUESTED, queue_notices)
    notices.add_batch(assessments.NOTIFICATION_REQUESTED, queue_notices)
    notices.add_batch(privacy.NOTIFICATION_REQUESTED, queue_privacy_notices)
    notices.add_batch(privacy.CONSENT_CHANGED, keep_consent_changes)
    return [dispatches, notices]
