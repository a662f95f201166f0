"""``./soket backup`` and ``./soket restore``: encrypted dumps of every service's database, and
a restore that re-applies every erasure made since the dump before any service takes traffic."""

import argparse
from pathlib import Path


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    sub.add_parser("backup", help="dump every service's database, encrypted; prune old dumps")
    restore = sub.add_parser(
        "restore", help="restore a backup, then re-apply every erasure made since it was taken"
    )
    restore.add_argument("backup", type=Path, nargs="?", help="the backup (default: the latest)")


def run(arguments: argparse.Namespace) -> int:
    raise NotImplementedError(arguments.command)
