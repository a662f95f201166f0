"""AES-256-GCM over a stream, in chunks, so a dump of any size never sits in memory.

The file: a header (magic and a random nonce prefix), then records of a 4-byte length and one
sealed chunk each. A chunk's nonce is the prefix, its number and whether it is the last one
(the STREAM construction): chunks cannot be reordered, dropped or cut off at the end unnoticed.
"""

import base64
import binascii
import hashlib
import os
import secrets
import struct
from collections.abc import Iterator
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from chassis.privacy.keys import BACKUP_ENCRYPTION_KEY_BYTES, BACKUP_ENCRYPTION_KEY_VARIABLE

MAGIC = b"SOKETBK1"
PREFIX_BYTES = 7
CHUNK_BYTES = 1024 * 1024
_LENGTH = struct.Struct(">I")
_TAG_BYTES = 16


class BackupKeyError(RuntimeError):
    """The backup key is missing or malformed."""


class CorruptBackupError(RuntimeError):
    """A file that does not decrypt: another key, or changed or cut-off bytes."""


def backup_key() -> bytes:
    """The key from ``SOKET_BACKUP_ENCRYPTION_KEY`` (base64 of 32 bytes)."""
    value = os.environ.get(BACKUP_ENCRYPTION_KEY_VARIABLE, "").strip()
    if not value:
        raise BackupKeyError(
            f"{BACKUP_ENCRYPTION_KEY_VARIABLE} is not set (base64 of "
            f"{BACKUP_ENCRYPTION_KEY_BYTES} random bytes; `./soket up` generates a development one)"
        )
    try:
        key = base64.b64decode(value, validate=True)
    except binascii.Error:
        raise BackupKeyError(f"{BACKUP_ENCRYPTION_KEY_VARIABLE} is not valid base64") from None
    if len(key) != BACKUP_ENCRYPTION_KEY_BYTES:
        raise BackupKeyError(
            f"{BACKUP_ENCRYPTION_KEY_VARIABLE} must decode to {BACKUP_ENCRYPTION_KEY_BYTES} bytes"
        )
    return key


class Digests:
    """SHA-256 of what went in and of what came out."""

    def __init__(self) -> None:
        self.plain = hashlib.sha256()
        self.sealed = hashlib.sha256()


def encrypt_stream(source: IO[bytes], target: IO[bytes], *, key: bytes) -> Digests:
    """Seals everything ``source`` yields into ``target``; digests of both sides."""
    digests = Digests()
    aead = AESGCM(key)
    header = MAGIC + secrets.token_bytes(PREFIX_BYTES)
    _write(target, header, digests)
    chunk = source.read(CHUNK_BYTES)
    number = 0
    while True:
        following = source.read(CHUNK_BYTES) if chunk else b""
        last = not following
        digests.plain.update(chunk)
        sealed = aead.encrypt(_nonce(header, number, last=last), chunk, header)
        _write(target, _LENGTH.pack(len(sealed)) + sealed, digests)
        if last:
            return digests
        chunk, number = following, number + 1


def decrypt_stream(source: IO[bytes], *, key: bytes) -> Iterator[bytes]:
    """The plain chunks of a sealed stream; ``CorruptBackupError`` at the first that fails."""
    aead = AESGCM(key)
    header = source.read(len(MAGIC) + PREFIX_BYTES)
    if len(header) != len(MAGIC) + PREFIX_BYTES or not header.startswith(MAGIC):
        raise CorruptBackupError("not a Soket backup file")
    record = _read_record(source)
    number = 0
    while record is not None:
        following = _read_record(source)
        try:
            yield aead.decrypt(_nonce(header, number, last=following is None), record, header)
        except InvalidTag:
            raise CorruptBackupError(
                f"chunk {number} does not decrypt: another key, or the file was changed or cut"
            ) from None
        record, number = following, number + 1
    if number == 0:
        raise CorruptBackupError("the file holds no chunk")


def _nonce(header: bytes, number: int, *, last: bool) -> bytes:
    return header[len(MAGIC) :] + struct.pack(">I?", number, last)


def _read_record(source: IO[bytes]) -> bytes | None:
    length = source.read(_LENGTH.size)
    if not length:
        return None
    if len(length) != _LENGTH.size:
        raise CorruptBackupError("the file ends inside a chunk's length")
    (size,) = _LENGTH.unpack(length)
    if size < _TAG_BYTES or size > CHUNK_BYTES + _TAG_BYTES:
        raise CorruptBackupError("a chunk's length is out of range")
    sealed = source.read(size)
    if len(sealed) != size:
        raise CorruptBackupError("the file ends inside a chunk")
    return sealed


def _write(target: IO[bytes], data: bytes, digests: Digests) -> None:
    target.write(data)
    digests.sealed.update(data)
