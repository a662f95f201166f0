"""Backups that honour erasure (issue 9, point 5; P13, Q9), every service running on the real
database and broker: ``./soket backup`` keeps encrypted dumps (no marker readable in them) for
60 days and deletes older ones; after ``./soket restore`` a person erased since the backup is
gone again from every database before any service starts, and the APIs do not show them."""

import asyncio
import base64
import io
import json
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chassis.privacy.keys import BACKUP_ENCRYPTION_KEY_VARIABLE
from soket_cli.backup_crypto import (
    CHUNK_BYTES,
    CorruptBackupError,
    decrypt_stream,
    encrypt_stream,
)
from soket_cli.layout import repo_root
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import (
    ClientAdmin,
    RunningSystem,
    client_request,
    eventually,
    module_system,
    traces,
    wait_for_state,
)


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="backup")


def markers(tag: str) -> dict[str, str]:
    return {
        "name": f"Vargbjorn Pillequist {tag}",
        "email": f"vargbjorn.pillequist.{tag}@example.ee",
        "free_text": f"Varundatud vastus {tag} graniidist",
    }


def soket(system: RunningSystem, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``./soket …`` as an operator runs it beside this system (its ports, state, keys)."""
    environment = {**system.process_environment(), "SOKET_PORT_BASE": str(system.port_base)}
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "soket_cli", *arguments],
        env=environment,
        cwd=repo_root(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(f"$ soket {' '.join(arguments)}  ({time.monotonic() - began:.1f} s)\n{done.stdout}")
    return done


def backups_folder(system: RunningSystem) -> Path:
    return system.folder / "backups"


def manifests(system: RunningSystem) -> dict[str, dict[str, Any]]:
    return {
        path.parent.name: json.loads(path.read_text())
        for path in backups_folder(system).glob("*/manifest.json")
    }


def decrypted_sql(system: RunningSystem, path: Path) -> str:
    """The dump as SQL text: what the encrypted file holds, with the key."""
    key = base64.b64decode(system.keys[BACKUP_ENCRYPTION_KEY_VARIABLE])
    with path.open("rb") as source:
        dump = b"".join(decrypt_stream(source, key=key))
    listed = subprocess.run(
        ["pg_restore", "--data-only", "-f", "-"], input=dump, capture_output=True, check=True
    )
    return listed.stdout.decode(errors="replace")


async def participant_emails(admin: ClientAdmin) -> set[str]:
    listed = await admin.call("GET", "assessments", "/participants?limit=100", expect=200)
    return {item["email"] for item in listed.json()["items"]}


async def test_restore_erases_again_before_any_service_starts_p13_q9(
    system: RunningSystem,
) -> None:
    """P13/Q9: a client with two participants who answered a quiz is backed up; one of them
    is then erased (the client admin's erasure request, run by part 1's saga to ``verified``).
    With Soket stopped, ``./soket restore`` brings the backup back and erases that person again
    in every data service from the privacy record: before any process starts, no database
    holds their name, email or free-text answer, while the other participant is whole. The
    backup files show no marker (encrypted), though decrypted they hold both people. Started
    again, the API lists only the other participant and the request is still ``verified``."""
    admin = await system.sign_up_client(email=f"admin.{secrets.token_hex(4)}@example.ee")
    tag, other_tag = secrets.token_hex(4), secrets.token_hex(4)
    gone, kept = markers(tag), markers(other_tag)
    person = await admin.add_participant(name=gone["name"], email=gone["email"])
    other = await admin.add_participant(name=kept["name"], email=kept["email"])
    await admin.quiz_answered(
        [(person, gone["free_text"]), (other, kept["free_text"])], title=f"Varukoopia {tag}"
    )
    await system.settle()

    refused = soket(system, "restore")
    assert refused.returncode == 1, refused.stdout
    assert "Soket is running" in refused.stdout

    backed_up = soket(system, "backup")
    assert backed_up.returncode == 0, backed_up.stdout + backed_up.stderr
    [(name, manifest)] = manifests(system).items()
    files = {
        service: backups_folder(system) / name / entry["file"]
        for service, entry in manifest["files"].items()
    }
    sealed = {service: path.read_bytes() for service, path in files.items()}
    for mark in (*gone.values(), *kept.values()):
        assert traces(mark, sealed) == [], f"{mark!r} readable in a backup file"
    holding = decrypted_sql(system, files["assessments"])
    assert all(mark in holding for mark in (gone["name"], gone["free_text"], kept["email"]))

    erasure = await client_request(admin, email=gone["email"], request_type="erasure")
    await wait_for_state(admin, erasure["id"], {"verified"}, within=120)

    async def erased_live() -> bool:
        dumps = await asyncio.to_thread(system.dumps)
        return not any(traces(mark, dumps) for mark in gone.values())

    await eventually(erased_live, within=60, what="the person erased from the live databases")

    system.stop()
    restored = soket(system, "restore")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "erasures since the backup: 1 people" in restored.stdout, restored.stdout
    assert "re-erased 1 people" in restored.stdout, restored.stdout

    dumps = system.dumps()
    left = {mark: traces(mark, dumps) for mark in gone.values()}
    assert not any(left.values()), f"erased person back after the restore: {left}"
    assert "assessments" in traces(kept["name"], dumps)
    assert "assessments" in traces(kept["free_text"], dumps)

    system.start()
    emails = await participant_emails(admin)
    assert kept["email"] in emails
    assert gone["email"] not in emails
    state = await admin.call("GET", "privacy", f"/client/requests/{erasure['id']}", expect=200)
    assert state.json()["state"] == "verified"
    await system.settle()
    dumps = system.dumps()
    assert not any(traces(mark, dumps) for mark in gone.values())


async def test_backups_older_than_60_days_are_deleted_by_the_next_backup_q9(
    system: RunningSystem,
) -> None:
    """Q9: a backup taken 61 days ago (its manifest and its record faked so) is deleted by the
    next ``./soket backup`` and its record marked deleted; one taken 59 days ago stays."""
    first = soket(system, "backup")
    assert first.returncode == 0, first.stdout + first.stderr
    now = datetime.now(UTC)
    newest = max(manifests(system).items(), key=lambda item: item[1]["taken_at"])
    aged = {"old": now - timedelta(days=61), "recent": now - timedelta(days=59)}
    for label, taken in aged.items():
        copy = backups_folder(system) / f"aged-{label}"
        shutil.copytree(backups_folder(system) / newest[0], copy)
        manifest = {
            **newest[1],
            "name": copy.name,
            "taken_at": taken.isoformat(),
            "expires_at": (taken + timedelta(days=60)).isoformat(),
        }
        (copy / "manifest.json").write_text(json.dumps(manifest))
        await system.fetch(
            "privacy",
            "INSERT INTO backup_record (id, name, taken_at, expires_at)"
            " VALUES (gen_random_uuid(), $1, $2, $3)",
            copy.name,
            taken,
            taken + timedelta(days=60),
        )

    second = soket(system, "backup")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "deleted expired backup aged-old" in second.stdout
    assert not (backups_folder(system) / "aged-old").exists()
    assert (backups_folder(system) / "aged-recent").exists()
    records = {
        row["name"]: row["deleted_at"]
        for row in await system.fetch("privacy", "SELECT name, deleted_at FROM backup_record")
    }
    assert records["aged-old"] is not None
    assert records["aged-recent"] is None


def sealed(data: bytes, key: bytes) -> bytes:
    target = io.BytesIO()
    encrypt_stream(io.BytesIO(data), target, key=key)
    return target.getvalue()


def opened(data: bytes, key: bytes) -> bytes:
    return b"".join(decrypt_stream(io.BytesIO(data), key=key))


def test_backup_files_are_sealed_so_they_cannot_be_changed_cut_or_read_without_the_key_q9() -> None:
    """Q9 (what a backup holds is safe while it is kept): a dump of several chunks decrypts
    to itself; a changed byte, a dropped last chunk or another key is refused, never a
    silently shorter dump."""
    key, other_key = secrets.token_bytes(32), secrets.token_bytes(32)
    data = secrets.token_bytes(CHUNK_BYTES * 2 + 123)
    file = sealed(data, key)
    assert opened(file, key) == data
    assert opened(sealed(b"", key), key) == b""
    changed = bytearray(file)
    changed[len(file) // 2] ^= 1
    last_record = len(file) - (123 + 16 + 4)
    for broken in (bytes(changed), file[:last_record], file[:-1]):
        with pytest.raises(CorruptBackupError):
            opened(broken, key)
    with pytest.raises(CorruptBackupError):
        opened(file, other_key)
