"""``./soket backup``: every service's database dumped, encrypted, recorded; old ones deleted."""

import asyncio
import shutil
import time
from datetime import UTC, datetime, timedelta

from chassis.settings import SharedSettings
from soket_cli.backup_crypto import backup_key
from soket_cli.backup_dumps import dump
from soket_cli.backup_privacy import backup_settings, record_backups
from soket_cli.backup_store import (
    Manifest,
    complete,
    locked,
    new_name,
    partial_folder,
    prune,
    stored_backups,
)
from soket_cli.development_keys import load_development_keys
from soket_cli.layout import SERVICES


def development_keys_unless_production() -> None:
    """Development runs read the keys ``./soket up`` generated; production sets its own."""
    if SharedSettings().soket_environment != "production":
        load_development_keys()


def take_backup() -> int:
    development_keys_unless_production()
    settings = backup_settings()
    key = backup_key()
    keep = timedelta(days=settings.keep_days)
    taken_at = datetime.now(UTC)
    started = time.monotonic()
    with locked(settings.folder):
        name = new_name(taken_at)
        partial = partial_folder(settings.folder, name)
        try:
            files = {}
            for service in SERVICES:
                began = time.monotonic()
                files[service] = dump(service, partial, key=key)
                print(
                    f"  {service:<12} {files[service].size:>12,} bytes"
                    f"  {time.monotonic() - began:6.2f} s"
                )
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        manifest = Manifest(
            name=name,
            taken_at=taken_at,
            expires_at=taken_at + keep,
            services=list(SERVICES),
            files=files,
        )
        folder = complete(partial, manifest)
        deleted = prune(settings.folder, now=datetime.now(UTC), keep=keep)
        kept = [
            (backup.manifest.name, backup.manifest.taken_at, backup.manifest.expires_at)
            for backup in stored_backups(settings.folder)
        ]
    print(f"backup {name} in {folder} ({time.monotonic() - started:.2f} s)")
    print(f"  expires {manifest.expires_at:%Y-%m-%d %H:%M} UTC (kept {settings.keep_days} days)")
    for old in deleted:
        print(f"  deleted expired backup {old}")
    try:
        asyncio.run(record_backups(kept, deleted=deleted, now=datetime.now(UTC)))
    except Exception as error:  # noqa: BLE001 - the backup stands; say what is missing
        print(f"backup taken, but not recorded in the privacy database: {error}")
        return 1
    return 0
