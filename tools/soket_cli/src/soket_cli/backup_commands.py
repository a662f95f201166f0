"""``./soket backup`` and ``./soket restore``: encrypted dumps of every service's database, and
a restore that re-applies every erasure made since the dump before any service takes traffic."""

import argparse
from pathlib import Path

from soket_cli.backup_crypto import BackupKeyError, CorruptBackupError
from soket_cli.backup_dumps import DumpError
from soket_cli.backup_restoring import restore_backup
from soket_cli.backup_taking import take_backup

RESTORE_HELP = """\
Restore every service's database from a backup (default: the latest), then erase again, in
every data service, each person and client erased since the backup was taken, as the live
privacy database records them (read before anything is overwritten), and put that record back
into the restored privacy database. Refuses while Soket runs. Start Soket only afterwards."""


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    sub.add_parser("backup", help="dump every service's database, encrypted; prune old dumps")
    restore = sub.add_parser(
        "restore",
        help="restore a backup, then re-apply every erasure made since it was taken",
        description=RESTORE_HELP,
    )
    restore.add_argument("backup", type=Path, nargs="?", help="the backup (default: the latest)")
    restore.add_argument(
        "--force", action="store_true", help="restore even though Soket's processes run"
    )
    restore.add_argument(
        "--without-erasure-record",
        action="store_true",
        help="restore even when the live privacy database cannot say who was erased",
    )


def run(arguments: argparse.Namespace) -> int:
    try:
        if arguments.command == "backup":
            return take_backup()
        return restore_backup(
            arguments.backup,
            force=arguments.force,
            without_erasure_record=arguments.without_erasure_record,
        )
    except (BackupKeyError, CorruptBackupError, DumpError, FileNotFoundError) as error:
        print(f"{arguments.command} failed: {error}")
        return 1
    except RuntimeError as error:
        print(f"{arguments.command} failed: {error}")
        return 1
