import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.chain import GENESIS_HASH, canonical_bytes, entry_hash
from privacy.audit.models import AuditEntry

_CHAIN_LOCK = 0x50524956  # "PRIV": one writer appends at a time, until its commit
_LATEST = select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)


async def hold_audit_chain(session: AsyncSession) -> None:
    """Takes the audit chain's lock for the rest of the transaction (again is free).

    Every transaction that appends to the log and locks rows takes this first, before any
    row lock: one order for all, so two transactions never wait on each other in a circle.
    """
    with session.no_autoflush:
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})


async def append_audit(
    session: AsyncSession,
    *,
    action: str,
    actor: str,
    at: datetime,
    details: dict[str, Any],
    actor_id: UUID | None = None,
    request_id: UUID | None = None,
) -> AuditEntry:
    """Appends one entry, chained to the latest (the caller commits; appends serialise)."""
    await hold_audit_chain(session)
    latest = (await session.execute(_LATEST)).one_or_none()
    seq, previous_hash = (latest.seq + 1, latest.hash) if latest else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq=seq,
        at=at.astimezone(UTC),
        action=action,
        actor=actor,
        actor_id=actor_id,
        request_id=request_id,
        details=_json_values(details),
        previous_hash=previous_hash,
    )
    entry.hash = entry_hash(previous_hash, audit_content(entry))
    session.add(entry)
    await session.flush()
    return entry


def audit_content(entry: AuditEntry) -> dict[str, Any]:
    """An entry as the JSON values its hash covers (and a proof bundle carries)."""
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "action": entry.action,
        "actor": entry.actor,
        "actor_id": str(entry.actor_id) if entry.actor_id else None,
        "request_id": str(entry.request_id) if entry.request_id else None,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
        "hash": getattr(entry, "hash", None),
    }


def _json_values(details: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(canonical_bytes(details))
    return loaded
