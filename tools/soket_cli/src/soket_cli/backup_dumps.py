"""``pg_dump`` of one service's database into an encrypted file, and back with ``pg_restore``,
streamed through the cipher a chunk at a time."""

import asyncio
import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from chassis.migrations import create_database_if_missing
from chassis.settings import service_database_url
from soket_cli.backup_crypto import CorruptBackupError, decrypt_stream, encrypt_stream
from soket_cli.backup_store import DumpFile

TIMEOUT_SECONDS = 3600


class DumpError(RuntimeError):
    """pg_dump or pg_restore failed."""


def _connection(service: str) -> tuple[str, dict[str, str]]:
    """(a libpq URL without the password, the environment that carries the password)."""
    url = make_url(service_database_url(service)).set(drivername="postgresql")
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), environment


def dump(service: str, folder: Path, *, key: bytes) -> DumpFile:
    """The service's database, custom format, encrypted into ``folder``."""
    url, environment = _connection(service)
    name = f"{service}.dump.enc"
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--dbname={url}"]
    (folder / name).touch(mode=0o600, exist_ok=False)
    with tempfile.TemporaryFile() as errors, (folder / name).open("r+b") as target:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=environment)
        assert process.stdout is not None
        try:
            digests = encrypt_stream(process.stdout, target, key=key)
        finally:
            process.stdout.close()
            code = process.wait(timeout=TIMEOUT_SECONDS)
        if code != 0:
            errors.seek(0)
            raise DumpError(f"pg_dump of {service} failed: {errors.read().decode()[-2000:]}")
        size = target.tell()
    return DumpFile(
        file=name,
        sha256=digests.sealed.hexdigest(),
        plain_sha256=digests.plain.hexdigest(),
        size=size,
    )


def verify(service: str, folder: Path, dump_file: DumpFile, *, key: bytes) -> None:
    """The file is the one the manifest names and decrypts whole to the dump that was taken;
    ``CorruptBackupError`` otherwise. Reads, never writes."""
    path = folder / dump_file.file
    sealed = hashlib.sha256()
    with path.open("rb") as source:
        while block := source.read(1024 * 1024):
            sealed.update(block)
    if sealed.hexdigest() != dump_file.sha256:
        raise CorruptBackupError(f"{path}: its SHA-256 is not the manifest's")
    plain = hashlib.sha256()
    with path.open("rb") as source:
        for chunk in decrypt_stream(source, key=key):
            plain.update(chunk)
    if plain.hexdigest() != dump_file.plain_sha256:
        raise CorruptBackupError(f"{path}: the decrypted dump is not the one taken")


def restore(service: str, folder: Path, dump_file: DumpFile, *, key: bytes) -> None:
    """Empties the service's database and restores the dump into it."""
    asyncio.run(create_database_if_missing(service_database_url(service)))
    url, environment = _connection(service)
    emptied = subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", f"--dbname={url}",
         "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"],
        env=environment, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
    )  # fmt: skip
    if emptied.returncode != 0:
        raise DumpError(f"emptying {service}'s database failed: {emptied.stderr[-2000:]}")
    command = [
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
        "--exit-on-error", f"--dbname={url}",
    ]  # fmt: skip
    with tempfile.TemporaryFile() as errors, (folder / dump_file.file).open("rb") as source:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=errors, env=environment)
        assert process.stdin is not None
        try:
            for chunk in decrypt_stream(source, key=key):
                process.stdin.write(chunk)
        except BrokenPipeError:
            pass  # pg_restore stopped early: its exit code and errors say why
        finally:
            process.stdin.close()
            code = process.wait(timeout=TIMEOUT_SECONDS)
        if code != 0:
            errors.seek(0)
            raise DumpError(f"pg_restore of {service} failed: {errors.read().decode()[-2000:]}")
