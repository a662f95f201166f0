from assessments.client_settings.handlers import client_settings
from assessments.notices.handlers import notices
from assessments.privacy.participant import AssessmentsPrivacy
from assessments.settings import Settings
from assessments.slack.handlers import delivery_events
from chassis.messaging.subscription import Subscription
from chassis.privacy.participant import PrivacyParticipant
from chassis.worker import run_worker


def subscriptions() -> list[Subscription]:
    """The events this service consumes; ``./soket topology`` reads them too."""
    return [client_settings, delivery_events, notices]


def privacy_participant() -> PrivacyParticipant:
    """What this service answers of the privacy contract, on ``assessments.privacy``."""
    return AssessmentsPrivacy()


def main() -> None:
    run_worker(Settings(), subscriptions(), privacy=privacy_participant())


if __name__ == "__main__":
    main()
