from chassis.messaging.subscription import Subscription
from chassis.worker import run_worker
from privacy.breaches.handlers import breaches
from privacy.consent.handlers import consent
from privacy.intake.handlers import discovery
from privacy.offboarding.handlers import offboarding
from privacy.proofs.handlers import keys
from privacy.retention.handlers import retention
from privacy.saga.handlers import replies
from privacy.settings import Settings


def subscriptions() -> list[Subscription]:
    """The events this service consumes; ``./soket topology`` reads them too."""
    return [keys, replies, discovery, retention, consent, offboarding, breaches]


def main() -> None:
    run_worker(Settings(), subscriptions())


if __name__ == "__main__":
    main()
