"""``./soket privacy verify-bundle FILE``: checks a request's proof bundle offline;
``./soket privacy verify-audit``: checks the whole audit log in the privacy database."""

import argparse
import importlib
from pathlib import Path

VERIFY_BUNDLE_HELP = """\
Check a proof bundle downloaded from the privacy dashboard, with nothing but the bundle: every
receipt's signature with its service's public key, each receipt's SHA-256 against the audit
entry that chained it, each audit entry's hash against its content and the previous hash, and
that the receipts cover every data service. With --keys, the bundle's keys must also be among
the published keys given. Exit 0 when everything holds, 1 at the first failure."""

VERIFY_AUDIT_HELP = """\
Walk the audit log of staff actions (Q15) straight from the privacy database (PRIVACY_DATABASE_URL,
else POSTGRES_URL and SOKET_DATABASE_PREFIX): from seq 1 after the genesis hash, each entry's
hash against its content and its link to the previous entry's hash, with no seq missing; and
that the database's append-only trigger is enabled. Names the first broken link (its seq and
what differs). Exit 0 when the chain holds, 1 otherwise."""


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    privacy = sub.add_parser("privacy", help="data-subject request proofs and the audit log")
    action = privacy.add_subparsers(dest="privacy_command", required=True)
    verify = action.add_parser(
        "verify-bundle",
        help="check a request's proof bundle (receipts, keys, audit chain)",
        description=VERIFY_BUNDLE_HELP,
    )
    verify.add_argument("file", type=Path)
    verify.add_argument(
        "--keys",
        type=Path,
        help="JSON of published keys ([{service, key_id, public_key}] or {keys: [...]})",
    )
    action.add_parser(
        "verify-audit",
        help="check the audit log's hash chain in the privacy database",
        description=VERIFY_AUDIT_HELP,
    )


def run(arguments: argparse.Namespace) -> int:
    # Imported by name: the CLI depends on no service.
    if arguments.privacy_command == "verify-audit":
        audit = importlib.import_module("privacy.audit.verification")
        verified: int = audit.verify_audit_command()
        return verified
    check = importlib.import_module("privacy.proofs.bundle_check")
    code: int = check.verify_bundle_file(arguments.file, keys_path=arguments.keys)
    return code
