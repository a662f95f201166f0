"""The registration point: a data service hands its participant to the chassis once."""

from dataclasses import dataclass

from chassis.database import Database
from chassis.messaging.dead_letter_erasure import DeadLetterEraser
from chassis.messaging.subscription import Subscription
from chassis.privacy.export_parts import DEFAULT_EXPORT_PART_BYTES
from chassis.privacy.key_announcement import announce_keys
from chassis.privacy.keys import receipt_signer
from chassis.privacy.participant import PrivacyParticipant
from chassis.privacy.receipts import ReceiptSigner
from chassis.privacy.subscription import privacy_subscription
from chassis.settings import ServiceSettings
from contracts.vocabulary import DataService


@dataclass(frozen=True)
class PrivacyRegistration:
    """A service's privacy wiring: the subscription its worker consumes, and its signer."""

    service: DataService
    signer: ReceiptSigner
    subscription: Subscription

    async def announce_keys(self, database: Database) -> None:
        """Publishes the service's receipt key in a transaction of its own (worker start-up)."""
        async with database.sessions() as session, session.begin():
            await announce_keys(session, service=self.service, signer=self.signer)


def register_participant(
    settings: ServiceSettings,
    participant: PrivacyParticipant,
    *,
    dead_letters: DeadLetterEraser | None = None,
    max_export_part_bytes: int = DEFAULT_EXPORT_PART_BYTES,
) -> PrivacyRegistration:
    """Wires a data service's participant; ``MissingKeyError`` when its signing key is unset."""
    try:
        service = DataService(settings.service_name)
    except ValueError:
        raise ValueError(f"{settings.service_name} is not a data service of the contract") from None
    signer = receipt_signer(settings)
    subscription = privacy_subscription(
        service=service,
        participant=participant,
        signer=signer,
        dead_letters=dead_letters,
        max_export_part_bytes=max_export_part_bytes,
    )
    return PrivacyRegistration(service=service, signer=signer, subscription=subscription)
