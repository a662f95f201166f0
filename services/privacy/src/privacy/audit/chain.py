"""The hash chain of the audit log: pure functions, shared by the service and ``verify-bundle``."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

GENESIS_HASH: Final = "0" * 64
"""The ``previous_hash`` of the first entry."""

ENTRY_FIELDS: Final = ("seq", "at", "action", "actor", "actor_id", "request_id", "details")


def canonical_bytes(value: Any) -> bytes:
    """Compact JSON with sorted keys: the bytes every hash in the log is taken of."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(previous_hash: str, content: Mapping[str, Any]) -> str:
    """SHA-256 of the previous hash and the entry's content (``ENTRY_FIELDS``, JSON values)."""
    body = {name: content[name] for name in ENTRY_FIELDS}
    return hashlib.sha256(previous_hash.encode() + canonical_bytes(body)).hexdigest()


def first_break(entries: Iterable[Mapping[str, Any]]) -> int | None:
    """The ``seq`` of the first entry whose hash does not match its content and predecessor
    (consecutive entries must link), or None when the chain holds."""
    previous: Mapping[str, Any] | None = None
    for entry in entries:
        follows = previous is not None and entry["seq"] == previous["seq"] + 1
        if follows and previous is not None and entry["previous_hash"] != previous["hash"]:
            return int(entry["seq"])
        if entry_hash(entry["previous_hash"], entry) != entry["hash"]:
            return int(entry["seq"])
        previous = entry
    return None
