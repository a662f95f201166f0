"""``./soket restore``: a backup back in every database, then every erasure made since it was
taken applied again, all before any service takes traffic."""

import asyncio
import io
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contracts.vocabulary import DataService
from soket_cli import supervisor
from soket_cli.backup_crypto import backup_key, decrypt_stream, encrypt_stream
from soket_cli.backup_dumps import restore, verify
from soket_cli.backup_privacy import (
    backup_settings,
    ledger_from_json,
    ledger_json,
    read_ledger,
    record_backups,
    restore_record,
)
from soket_cli.backup_reerasure import ServiceReErasure, Subject, re_erase
from soket_cli.backup_store import StoredBackup, find_backup, locked, stored_backups
from soket_cli.backup_taking import development_keys_unless_production
from soket_cli.databases import prepare_databases
from soket_cli.layout import supervised_specs

PENDING_ERASURES = "pending-erasures.enc"
"""The erasures a restore read before overwriting the privacy database, kept (encrypted) until
they are applied again and recorded: a restore that stops half way picks them up next time."""


def running_processes() -> list[str]:
    """Soket's processes that run: a live pid file of ``./soket up``, or a port answering."""
    return [
        spec.name
        for spec in supervised_specs()
        if supervisor.running_pid(spec) is not None
        or any(supervisor.port_in_use(port) for port in spec.ports)
    ]


def restore_backup(chosen: Path | None, *, force: bool, without_erasure_record: bool) -> int:
    development_keys_unless_production()
    settings = backup_settings()
    key = backup_key()
    running = running_processes()
    if running and not force:
        print(
            "Soket is running (" + ", ".join(running) + "): stop it first (`./soket down`), "
            "or pass --force to restore under running services"
        )
        return 1
    with locked(settings.folder):
        backup = find_backup(settings.folder, chosen)
        return _restore(backup, key=key, root=settings.folder, without=without_erasure_record)


def _restore(backup: StoredBackup, *, key: bytes, root: Path, without: bool) -> int:
    manifest = backup.manifest
    started = time.monotonic()
    print(f"restoring {manifest.name}, taken {manifest.taken_at:%Y-%m-%d %H:%M:%S} UTC")
    for service in manifest.services:
        verify(service, backup.folder, manifest.files[service], key=key)
    verified = time.monotonic()
    ledger = _ledger(since=manifest.taken_at, key=key, root=root, without=without)
    if ledger is None:
        return 1
    for service in manifest.services:
        restore(service, backup.folder, manifest.files[service], key=key)
    restored = time.monotonic()
    prepare_databases(quiet=True)
    migrated = time.monotonic()
    subjects = [Subject(item.tenant_id, item.subject_ref) for item in ledger.subjects]
    outcomes = {
        service: asyncio.run(re_erase(service, subjects=subjects, tenants=ledger.tenants))
        for service in DataService
    }
    re_erased = time.monotonic()
    counts = {service.value: _counts(outcome) for service, outcome in outcomes.items()}
    now = datetime.now(UTC)
    record = asyncio.run(
        restore_record(ledger, backup_name=manifest.name, re_erased=counts, now=now)
    )
    on_disk = [
        (stored.manifest.name, stored.manifest.taken_at, stored.manifest.expires_at)
        for stored in stored_backups(root)
    ]
    asyncio.run(record_backups(on_disk, deleted=[], now=now))
    (root / PENDING_ERASURES).unlink(missing_ok=True)
    finished = time.monotonic()
    print(f"erasures since the backup: {len(subjects)} people, {len(ledger.tenants)} clients")
    for service, outcome in outcomes.items():
        print(
            f"  {service.value:<12} re-erased {outcome.people} people, {outcome.clients} clients"
            f" ({outcome.rows} rows)"
        )
    print(
        f"  privacy      record put back: {record.requests} erasure requests,"
        f" {record.offboardings} offboardings, {record.audit_entries} audit entries"
        + ("" if record.audit_linked else " (audit chain parted: its later entries not put back)")
    )
    print(
        f"restored in {finished - started:.2f} s (verify {verified - started:.2f} s,"
        f" databases {restored - verified:.2f} s, migrate {migrated - restored:.2f} s,"
        f" re-erase {re_erased - migrated:.2f} s, record {finished - re_erased:.2f} s)"
    )
    return 0


def _ledger(*, since: datetime, key: bytes, root: Path, without: bool) -> Any | None:
    """The live record of erasures since the backup, with any a stopped restore left pending;
    saved (encrypted) before any database is overwritten."""
    pending_path = root / PENDING_ERASURES
    pending = None
    if pending_path.exists():
        with pending_path.open("rb") as source:
            pending = ledger_from_json(b"".join(decrypt_stream(source, key=key)))
    try:
        ledger = asyncio.run(read_ledger(since=since))
    except Exception as error:  # noqa: BLE001 - any failure to read the record stops the restore
        if not without:
            print(
                "cannot read the record of erasures from the live privacy database "
                f"({type(error).__name__}: {error}); restoring now would bring erased people "
                "back. Fix the privacy database, or pass --without-erasure-record to restore "
                "anyway and erase again by hand."
            )
            return None
        if pending is None:
            return ledger_from_json(_empty_ledger(since))
        ledger = pending
    if pending is not None:
        ledger = ledger.merged(pending)
    with pending_path.open("wb") as target:
        pending_path.chmod(0o600)
        encrypt_stream(io.BytesIO(ledger_json(ledger)), target, key=key)
    return ledger


def _empty_ledger(since: datetime) -> bytes:
    return (
        b'{"since": "' + since.isoformat().encode() + b'", "subjects": [], "tenants": [],'
        b' "requests": [], "request_rows": {}, "offboardings": [], "audit_entries": [],'
        b' "backups": []}'
    )


def _counts(outcome: ServiceReErasure) -> dict[str, int]:
    return {"people": outcome.people, "clients": outcome.clients, "rows": outcome.rows}
