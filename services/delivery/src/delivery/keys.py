"""Keys delivery derives from the shared ``SUBJECT_REF_KEY``: address hashes and link tokens."""

import base64
import hashlib
import hmac
from functools import cache
from uuid import UUID

from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import normalise_email, subject_ref
from delivery.settings import Settings

_ADDRESS_CONTEXT = b"soket delivery address hash v1"
_UNSUBSCRIBE_CONTEXT = b"soket delivery unsubscribe token v1"


class DeliveryKeys:
    """What delivery hashes and signs with, derived once from the settings."""

    def __init__(self, key: bytes) -> None:
        self._subject_key = key
        self._address_key = hmac.new(key, _ADDRESS_CONTEXT, hashlib.sha256).digest()
        self.unsubscribe_key = hmac.new(key, _UNSUBSCRIBE_CONTEXT, hashlib.sha256).digest()

    @classmethod
    def from_settings(cls, settings: Settings) -> "DeliveryKeys":
        return cls(subject_ref_key(settings))

    def address_hash(self, email: str) -> str:
        """A keyed hash of an address: suppression lists and discovery keep only this."""
        digest = hmac.new(self._address_key, normalise_email(email).encode(), hashlib.sha256)
        return base64.b32encode(digest.digest()).decode("ascii").rstrip("=")

    def subject_ref(self, *, tenant_id: UUID, email: str) -> str:
        return subject_ref(self._subject_key, tenant_id=tenant_id, email=email)


@cache
def delivery_keys() -> DeliveryKeys:
    """The process's keys, read from the environment on first use."""
    return DeliveryKeys.from_settings(Settings())
