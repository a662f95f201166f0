"""What ``./soket backup`` and ``./soket restore`` keep in the privacy service's database: the
record of backups, and the record of erasures a restore must not undo."""

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from chassis.database import Database
from soket_cli.layout import state_dir


def _module(name: str) -> Any:
    # Imported by name: the CLI depends on no service.
    return importlib.import_module(f"privacy.{name}")


def _database() -> Database:
    return Database(_module("settings").Settings().database_url, pool_size=1)


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep_days: int


def backup_settings() -> BackupSettings:
    """``PRIVACY_BACKUPS__KEEP_DAYS`` and ``PRIVACY_BACKUPS__FOLDER`` (default
    ``backups/`` in the state folder)."""
    options = _module("settings").Settings().backups
    folder = Path(options.folder) if options.folder else state_dir() / "backups"
    return BackupSettings(folder=folder, keep_days=int(options.keep_days))


async def record_backups(
    recorded: Sequence[tuple[str, datetime, datetime]], *, deleted: Sequence[str], now: datetime
) -> None:
    """Puts backups (name, taken, expires) on record and marks the ``deleted`` ones so."""
    service = _module("backups.service")
    database = _database()
    try:
        async with database.sessions() as session, session.begin():
            for name, taken_at, expires_at in recorded:
                await service.record_backup(
                    session, name=name, taken_at=taken_at, expires_at=expires_at
                )
            await service.mark_deleted(session, names=list(deleted), at=now)
    finally:
        await database.dispose()


async def read_ledger(*, since: datetime) -> Any:
    """The erasures made since ``since``, from the live privacy database (an ``ErasureLedger``)."""
    ledger = _module("backups.ledger")
    database = _database()
    try:
        async with database.sessions() as session, session.begin():
            return await ledger.erasures_since(session, since=since)
    finally:
        await database.dispose()


def ledger_json(ledger: Any) -> bytes:
    text: str = ledger.model_dump_json()
    return text.encode()


def ledger_from_json(data: bytes) -> Any:
    return _module("backups.ledger").ErasureLedger.model_validate_json(data)


async def restore_record(
    ledger: Any, *, backup_name: str, re_erased: dict[str, dict[str, int]], now: datetime
) -> Any:
    """Puts the record of the ledger's erasures back (a ``RecordRestored``)."""
    record = _module("backups.record")
    database = _database()
    try:
        async with database.sessions() as session, session.begin():
            return await record.restore_record(
                session, ledger=ledger, backup_name=backup_name, re_erased=re_erased, now=now
            )
    finally:
        await database.dispose()
