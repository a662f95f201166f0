"""Signing receipts with a service's Ed25519 key, and checking them with its public key."""

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from contracts.events.receipt import Receipt, ReceiptContent

SEED_BYTES = 32


def key_id_of(public_key: bytes) -> str:
    """``ed25519-`` and 16 hex digits of SHA-256 of the raw public key: a new key, a new id."""
    return "ed25519-" + hashlib.sha256(public_key).hexdigest()[:16]


class ReceiptSigner:
    """Signs one service's receipts with its private key."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) != SEED_BYTES:
            raise ValueError(f"an Ed25519 seed is {SEED_BYTES} bytes, not {len(seed)}")
        self._private_key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_key = self._private_key.public_key().public_bytes_raw()
        self.key_id = key_id_of(self.public_key)

    @property
    def public_key_b64(self) -> str:
        return base64.b64encode(self.public_key).decode("ascii")

    def sign(self, content: ReceiptContent) -> Receipt:
        """The receipt: ``content`` with a signature over its ``signing_bytes()``."""
        if content.key_id != self.key_id:
            raise ValueError(f"the content names key {content.key_id}, this key is {self.key_id}")
        signature = self._private_key.sign(content.signing_bytes())
        return content.signed(base64.b64encode(signature).decode("ascii"))


def verify_receipt(receipt: Receipt, public_key_b64: str) -> bool:
    """True when the receipt names this key and its signature covers exactly its content."""
    try:
        public_key = base64.b64decode(public_key_b64, validate=True)
        signature = base64.b64decode(receipt.signature, validate=True)
        verifier = Ed25519PublicKey.from_public_bytes(public_key)
    except (binascii.Error, ValueError):
        return False
    if receipt.key_id != key_id_of(public_key):
        return False
    try:
        verifier.verify(signature, receipt.signing_bytes())
    except InvalidSignature:
        return False
    return True
