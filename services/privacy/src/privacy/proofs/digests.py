"""What a receipt's digest is taken of: pure, shared by the service and ``verify-bundle``."""

import hashlib
from collections.abc import Mapping
from typing import Any

from contracts.events.receipt import Receipt
from privacy.audit.chain import canonical_bytes


def receipt_json(receipt: Receipt) -> dict[str, Any]:
    """The receipt as the JSON values stored, bundled and hashed."""
    return receipt.model_dump(mode="json")


def receipt_digest(receipt: Mapping[str, Any]) -> str:
    """SHA-256 of a receipt's canonical JSON (compact, sorted keys), as hex."""
    return hashlib.sha256(canonical_bytes(receipt)).hexdigest()
