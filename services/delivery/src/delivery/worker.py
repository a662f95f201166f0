from chassis.messaging.subscription import Subscription
from chassis.privacy.participant import PrivacyParticipant
from chassis.worker import run_worker
from delivery.privacy.participant import DeliveryParticipant
from delivery.settings import Settings
from delivery.subscriptions import delivery_subscriptions


def subscriptions() -> list[Subscription]:
    """The events this service consumes; ``./soket topology`` reads them too."""
    return delivery_subscriptions()


def privacy_participant() -> PrivacyParticipant:
    """What this service answers of the privacy contract, on ``delivery.privacy``."""
    return DeliveryParticipant()


def main() -> None:
    run_worker(Settings(), subscriptions(), privacy=privacy_participant())


if __name__ == "__main__":
    main()
