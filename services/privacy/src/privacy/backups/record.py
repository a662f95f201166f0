"""Putting the record of erasures back into a restored privacy database: the privacy record,
not the backup, stays the source of truth about who was erased."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit, hold_audit_chain
from privacy.backups.ledger import (
    OFFBOARDING_TABLE,
    REQUEST_TABLES,
    ErasureLedger,
    Row,
    table_exists,
)
from privacy.requests.states import Actor


@dataclass(frozen=True)
class RecordRestored:
    requests: int
    """Erasure requests put back as the live database had them."""
    offboardings: int
    audit_entries: int
    """Audit entries made after the backup, put back on the chain."""
    audit_linked: bool
    """False when the restored chain and the live one part: the tail was not put back."""


async def restore_record(
    session: AsyncSession,
    *,
    ledger: ErasureLedger,
    backup_name: str,
    re_erased: dict[str, dict[str, int]],
    now: datetime,
) -> RecordRestored:
    """Replaces the restored rows of the ledger's erasures with the live ones, puts back the
    audit log written since the backup and the record of backups, then audits the restore."""
    await hold_audit_chain(session)
    request_ids = [str(row["id"]) for row in ledger.requests]
    offboarding_ids = [str(row["id"]) for row in ledger.offboardings]
    request_ids += [str(row["erasure_request_id"]) for row in ledger.offboardings]
    for table in REQUEST_TABLES:
        await _delete(session, table, "request_id", request_ids)
    await _replace(session, "data_subject_request", "id", ledger.requests)
    for table in REQUEST_TABLES:
        await _insert(session, table, ledger.request_rows.get(table, []))
    offboardings = 0
    if ledger.offboardings and await table_exists(session, OFFBOARDING_TABLE):
        await _delete(session, OFFBOARDING_TABLE, "id", offboarding_ids)
        # One row per client: a restored row of the same client under another id goes too.
        tenants = [str(row["tenant_id"]) for row in ledger.offboardings]
        await _delete(session, OFFBOARDING_TABLE, "tenant_id", tenants)
        offboardings = await _insert(session, OFFBOARDING_TABLE, ledger.offboardings)
    await _replace(session, "backup_record", "name", ledger.backups)
    audit_entries, linked = await _put_back_audit_tail(session, ledger.audit_entries)
    await append_audit(
        session,
        action="backup.restored",
        actor=Actor.SYSTEM,
        at=now,
        details={
            "backup": backup_name,
            "erasures_since": ledger.since.isoformat(),
            "people": len(ledger.subjects),
            "clients": len(ledger.tenants),
            "re_erased": {service: dict(counts) for service, counts in re_erased.items()},
        },
    )
    return RecordRestored(
        requests=len(ledger.requests),
        offboardings=offboardings,
        audit_entries=audit_entries,
        audit_linked=linked,
    )


async def _put_back_audit_tail(session: AsyncSession, entries: list[Row]) -> tuple[int, bool]:
    latest = (
        await session.execute(text("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1"))
    ).one_or_none()
    last_seq, last_hash = (int(latest.seq), str(latest.hash)) if latest else (0, None)
    tail = sorted(
        (entry for entry in entries if _seq(entry) > last_seq), key=lambda entry: _seq(entry)
    )
    if not tail:
        return 0, True
    first = tail[0]
    if _seq(first) != last_seq + 1 or (last_hash and first["previous_hash"] != last_hash):
        return 0, False
    return await _insert(session, "audit_entry", tail), True


def _seq(entry: Row) -> int:
    return int(str(entry["seq"]))


async def _replace(session: AsyncSession, table: str, key: str, rows: list[Row]) -> int:
    await _delete(session, table, key, [str(row[key]) for row in rows])
    return await _insert(session, table, rows)


async def _delete(session: AsyncSession, table: str, key: str, values: list[str]) -> None:
    if values:
        await session.execute(
            text(f"DELETE FROM {table} WHERE CAST({key} AS text) = ANY(:values)"),  # noqa: S608
            {"values": values},
        )


async def _insert(session: AsyncSession, table: str, rows: list[Row]) -> int:
    """Inserts rows as ``to_jsonb`` gave them: PostgreSQL itself turns them back into columns."""
    if not rows:
        return 0
    parameters: dict[str, Any] = {"rows": json.dumps(rows)}
    await session.execute(
        text(
            f"INSERT INTO {table} SELECT * FROM"  # noqa: S608 (table names are constants)
            f" jsonb_populate_recordset(NULL::{table}, CAST(:rows AS jsonb))"
        ),
        parameters,
    )
    return len(rows)
