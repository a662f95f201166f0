from accounts.notices.handlers import expand_group_notice
from accounts.privacy.participant import AccountsParticipant
from accounts.settings import Settings
from chassis.messaging.subscription import Subscription
from chassis.privacy.participant import PrivacyParticipant
from chassis.worker import run_worker
from contracts.events import privacy

notices = Subscription(service="accounts", name="notices")
notices.add(privacy.NOTIFICATION_REQUESTED, expand_group_notice)


def subscriptions() -> list[Subscription]:
    """The events this service consumes; ``./soket topology`` reads them too."""
    return [notices]


def privacy_participant() -> PrivacyParticipant:
    """What this service answers of the privacy contract, on ``accounts.privacy``."""
    return AccountsParticipant()


def main() -> None:
    run_worker(Settings(), subscriptions(), privacy=privacy_participant())


if __name__ == "__main__":
    main()
