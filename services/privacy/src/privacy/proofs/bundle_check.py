"""Checking a proof bundle with nothing but the bundle (and, optionally, the services'
published keys): pure, no database. ``./soket privacy verify-bundle FILE`` runs it."""

import base64
import binascii
import json
import sys
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TextIO

from pydantic import ValidationError

from chassis.privacy.receipts import key_id_of, verify_receipt
from contracts.events.receipt import Receipt
from contracts.vocabulary import DataService
from privacy.audit.chain import first_break
from privacy.proofs.digests import receipt_digest

BUNDLE_FORMAT: Final = "soket.proof-bundle.v1"

KeyRing = Mapping[tuple[str, str], str]
"""(service, key id) → base64 public key."""


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str


class _Failed(Exception):  # noqa: N818 - carries the first failure out of the checks
    pass


def check_bundle(bundle: Any, *, published_keys: KeyRing | None = None) -> list[Finding]:
    """What was checked, in order, up to and including the first failure."""
    findings: list[Finding] = []
    try:
        for finding in _checks(bundle, published_keys):
            findings.append(finding)
            if not finding.ok:
                break
    except _Failed as failure:
        findings.append(Finding(False, str(failure)))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        findings.append(
            Finding(False, f"the bundle is malformed ({type(error).__name__}: {error})")
        )
    return findings


def holds(findings: Sequence[Finding]) -> bool:
    return bool(findings) and all(finding.ok for finding in findings)


def _checks(bundle: Any, published_keys: KeyRing | None) -> Iterator[Finding]:
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise _Failed(f"not a proof bundle: its format is not {BUNDLE_FORMAT}")
    request = bundle["request"]
    kind = f"{request.get('type', '?')} request, now {request.get('state', '?')}"
    yield Finding(True, f"bundle of {request['reference']} ({request['id']}): {kind}")
    audit = _audit_by_seq(bundle["audit"])
    yield _chain(list(audit.values()))
    keys = yield from _keys(bundle["keys"], audit, published_keys)
    covered = yield from _receipts(bundle["receipts"], request, keys, audit)
    missing = [service.value for service in DataService if service.value not in covered]
    if missing:
        raise _Failed(f"no receipt from {', '.join(missing)}")
    yield Finding(True, f"receipts cover every data service ({', '.join(DataService)})")


def _audit_by_seq(entries: Sequence[Mapping[str, Any]]) -> dict[int, Mapping[str, Any]]:
    by_seq: dict[int, Mapping[str, Any]] = {}
    for entry in entries:
        seq = entry["seq"]
        if not isinstance(seq, int) or seq in by_seq:
            raise _Failed(f"audit entry seq {seq!r} is not a distinct number")
        by_seq[seq] = entry
    return dict(sorted(by_seq.items()))


def _chain(entries: Sequence[Mapping[str, Any]]) -> Finding:
    if not entries:
        raise _Failed("the bundle holds no audit entries")
    broken = first_break(entries)
    if broken is not None:
        raise _Failed(f"audit entry {broken} does not hash from its content and previous hash")
    seqs = [int(entry["seq"]) for entry in entries]
    return Finding(
        True,
        f"{len(entries)} audit entries (seq {seqs[0]} to {seqs[-1]}) hash from their content "
        "and previous hash, and consecutive ones link",
    )


def _keys(
    keys: Sequence[Mapping[str, Any]],
    audit: Mapping[int, Mapping[str, Any]],
    published_keys: KeyRing | None,
) -> Generator[Finding, None, KeyRing]:
    ring: dict[tuple[str, str], str] = {}
    for key in keys:
        service, key_id, public_key = key["service"], key["key_id"], key["public_key"]
        label = f"key {service} {key_id}"
        if _key_id(public_key) != key_id:
            raise _Failed(f"{label}: its id is not derived from its public key")
        announced = audit.get(key["audit_seq"])
        if announced is None or announced["action"] != "key.published":
            raise _Failed(f"{label}: no key.published audit entry at seq {key['audit_seq']}")
        details = announced["details"]
        if (details["service"], details["key_id"], details["public_key"]) != (
            service,
            key_id,
            public_key,
        ):
            raise _Failed(f"{label}: differs from the key chained at seq {key['audit_seq']}")
        if published_keys is not None:
            if published_keys.get((service, key_id)) != public_key:
                raise _Failed(f"{label}: is not among the published keys given")
            yield Finding(True, f"{label} is the published key, chained at seq {announced['seq']}")
        else:
            yield Finding(True, f"{label} is the key chained at seq {announced['seq']}")
        ring[(service, key_id)] = public_key
    return ring


def _receipts(
    receipts: Sequence[Mapping[str, Any]],
    request: Mapping[str, Any],
    keys: KeyRing,
    audit: Mapping[int, Mapping[str, Any]],
) -> Generator[Finding, None, set[str]]:
    covered: set[str] = set()
    for bundled in receipts:
        content = bundled["receipt"]
        label = f"receipt of {bundled['service']}"
        try:
            receipt = Receipt.model_validate(content)
        except ValidationError as error:
            raise _Failed(f"{label}: not a receipt ({error.error_count()} problems)") from None
        if receipt.service != bundled["service"]:
            raise _Failed(f"{label}: names {receipt.service} as its service")
        about = (str(receipt.request_id), _text(receipt.tenant_id), receipt.subject_ref)
        if about != (request["id"], request["tenant_id"], request["subject_ref"]):
            raise _Failed(f"{label}: is not about this request, client and person")
        public_key = keys.get((receipt.service, receipt.key_id))
        if public_key is None:
            raise _Failed(f"{label}: the bundle has no key {receipt.key_id} of {receipt.service}")
        if not verify_receipt(receipt, public_key):
            raise _Failed(f"{label}: the signature does not verify with {receipt.key_id}")
        yield Finding(True, f"{label}: signature verifies with {receipt.key_id}")
        digest = receipt_digest(content)
        accepted = audit.get(bundled["audit_seq"])
        if (
            accepted is None
            or accepted["action"] != "receipt.accepted"
            or accepted["request_id"] != request["id"]
            or accepted["details"]["service"] != receipt.service
        ):
            raise _Failed(f"{label}: no receipt.accepted audit entry at seq {bundled['audit_seq']}")
        if accepted["details"]["receipt_sha256"] != digest:
            raise _Failed(
                f"{label}: its sha256 {digest[:16]}… differs from the one chained at "
                f"seq {accepted['seq']}"
            )
        yield Finding(
            True, f"{label}: sha256 {digest[:16]}… is the one chained at seq {accepted['seq']}"
        )
        covered.add(receipt.service)
    return covered


def _key_id(public_key: Any) -> str | None:
    try:
        return key_id_of(base64.b64decode(public_key, validate=True))
    except (binascii.Error, TypeError, ValueError):
        return None


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)


def published_keys_from(document: Any) -> dict[tuple[str, str], str]:
    """Keys from a JSON document: a list of ``{service, key_id, public_key}`` or an object whose
    ``keys`` is one (a proof bundle from a trusted source, say)."""
    keys = document["keys"] if isinstance(document, dict) else document
    return {(str(k["service"]), str(k["key_id"])): str(k["public_key"]) for k in keys}


def verify_bundle_file(
    path: Path, *, keys_path: Path | None = None, out: TextIO | None = None
) -> int:
    """Prints what was checked (to ``out``, else standard output); 0 when the bundle holds,
    1 at its first failure."""
    out = out or sys.stdout
    try:
        bundle = json.loads(path.read_bytes())
        published = published_keys_from(json.loads(keys_path.read_bytes())) if keys_path else None
    except OSError as error:
        print(f"Cannot read {error.filename}: {error.strerror}", file=out)
        return 1
    except (ValueError, KeyError, TypeError) as error:
        print(f"Not valid JSON of the expected shape: {error}", file=out)
        return 1
    findings = check_bundle(bundle, published_keys=published)
    for finding in findings:
        print(f"  {'ok  ' if finding.ok else 'FAIL'}  {finding.what}", file=out)
    if holds(findings):
        print(f"\n{path.name}: the proof bundle holds.", file=out)
        return 0
    print(f"\n{path.name}: the proof bundle does NOT hold: {findings[-1].what}", file=out)
    return 1
