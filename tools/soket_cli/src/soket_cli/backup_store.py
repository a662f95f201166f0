"""The backup folder: one sub-folder per backup, its encrypted dumps and its manifest."""

import fcntl
import json
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

MANIFEST = "manifest.json"
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL = timedelta(days=1)
LOCK_FILE = ".lock"


@dataclass(frozen=True)
class DumpFile:
    file: str
    sha256: str
    """Of the encrypted file, as stored."""
    plain_sha256: str
    """Of the ``pg_dump`` output, checked again when decrypted."""
    size: int


@dataclass(frozen=True)
class Manifest:
    name: str
    taken_at: datetime
    expires_at: datetime
    services: list[str]
    files: dict[str, DumpFile]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": 1,
                "name": self.name,
                "taken_at": self.taken_at.isoformat(),
                "expires_at": self.expires_at.isoformat(),
                "services": self.services,
                "files": {service: vars(dump) for service, dump in self.files.items()},
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        document = json.loads(text)
        return cls(
            name=document["name"],
            taken_at=datetime.fromisoformat(document["taken_at"]),
            expires_at=datetime.fromisoformat(document["expires_at"]),
            services=list(document["services"]),
            files={service: DumpFile(**dump) for service, dump in document["files"].items()},
        )


@dataclass(frozen=True)
class StoredBackup:
    folder: Path
    manifest: Manifest


def new_name(taken_at: datetime) -> str:
    return f"{taken_at:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def partial_folder(root: Path, name: str) -> Path:
    """Where a backup is written until complete (then renamed to ``root / name``)."""
    folder = root / f".{name}{PARTIAL_SUFFIX}"
    folder.mkdir(mode=0o700, parents=True)
    return folder


def complete(partial: Path, manifest: Manifest) -> Path:
    (partial / MANIFEST).write_text(manifest.to_json())
    final = partial.parent / manifest.name
    partial.rename(final)
    return final


def stored_backups(root: Path) -> list[StoredBackup]:
    """Every complete backup under ``root``, oldest first."""
    found = []
    if root.is_dir():
        for folder in root.iterdir():
            manifest = folder / MANIFEST
            if folder.is_dir() and not folder.name.startswith(".") and manifest.is_file():
                found.append(StoredBackup(folder, Manifest.from_json(manifest.read_text())))
    return sorted(found, key=lambda backup: backup.manifest.taken_at)


def find_backup(root: Path, chosen: Path | None) -> StoredBackup:
    """The chosen backup (a folder, or a name under ``root``), else the latest."""
    if chosen is None:
        backups = stored_backups(root)
        if not backups:
            raise FileNotFoundError(f"no backup in {root}")
        return backups[-1]
    folder = chosen if chosen.is_dir() else root / chosen
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise FileNotFoundError(f"{chosen} is not a backup (no {MANIFEST} in {folder})")
    return StoredBackup(folder, Manifest.from_json(manifest.read_text()))


def prune(root: Path, *, now: datetime, keep: timedelta) -> list[str]:
    """Deletes backups that expired or are older than ``keep``, and partial ones left behind
    by a run that died; the names of the backups deleted."""
    deleted = []
    for backup in stored_backups(root):
        manifest = backup.manifest
        if manifest.expires_at <= now or manifest.taken_at <= now - keep:
            shutil.rmtree(backup.folder)
            deleted.append(manifest.name)
    for folder in root.glob(f".*{PARTIAL_SUFFIX}"):
        if time.time() - folder.stat().st_mtime > STALE_PARTIAL.total_seconds():
            shutil.rmtree(folder, ignore_errors=True)
    return deleted


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """One backup or restore at a time on this folder."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    with (root / LOCK_FILE).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another backup or restore is running on {root}") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
