"""The hash chain of the audit log: pure functions, shared by the service and ``verify-bundle``."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

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


@dataclass(frozen=True)
class ChainBreak:
    """The first link of the log that does not hold, and what is wrong with it (Q15)."""

    seq: int
    problem: Literal["content", "link", "missing"]
    """``content``: the entry's hash is not the hash of its content; ``link``: its
    ``previous_hash`` is not the previous entry's hash; ``missing``: no entry has this seq."""
    explanation: str


def chain_break(
    entries: Iterable[Mapping[str, Any]], *, previous: Mapping[str, Any] | None = None
) -> ChainBreak | None:
    """Walks entries (in seq order, JSON values as ``audit_content`` gives them) from the one
    after ``previous`` (None: the start of the log, seq 1 after the genesis hash)."""
    expected_seq = int(previous["seq"]) + 1 if previous else 1
    expected_link = str(previous["hash"]) if previous else GENESIS_HASH
    for entry in entries:
        seq = int(entry["seq"])
        if seq != expected_seq:
            return ChainBreak(
                seq=expected_seq,
                problem="missing",
                explanation=f"entry {expected_seq} is missing (the next entry is {seq})",
            )
        computed = entry_hash(entry["previous_hash"], entry)
        if computed != entry["hash"]:
            return ChainBreak(
                seq=seq,
                problem="content",
                explanation=(
                    f"entry {seq} ({entry['action']}) was changed: its stored hash "
                    f"{entry['hash']} is not the hash of its content, {computed}"
                ),
            )
        if entry["previous_hash"] != expected_link:
            what = f"entry {seq - 1}'s hash" if seq > 1 else "the genesis hash"
            return ChainBreak(
                seq=seq,
                problem="link",
                explanation=(
                    f"entry {seq} ({entry['action']}) does not link to {what}: its "
                    f"previous_hash is {entry['previous_hash']}, {what} is {expected_link}"
                ),
            )
        expected_seq, expected_link = seq + 1, str(entry["hash"])
    return None
