from assessments.settings import Settings
from chassis.messaging.subscription import Subscription
from chassis.worker import run_worker


def subscriptions() -> list[Subscription]:
    """The events this service consumes; ``./soket topology`` reads them too."""
    return []


def main() -> None:
    run_worker(Settings(), subscriptions())


if __name__ == "__main__":
    main()
