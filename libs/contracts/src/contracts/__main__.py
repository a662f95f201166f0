"""``python -m contracts export-schemas [--out DIR]``: write the schema snapshot."""

import argparse
from pathlib import Path

from contracts.schemas import SNAPSHOT_DIR, export_schemas


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m contracts")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export-schemas", help="write one JSON Schema per event type, and the envelope's"
    )
    export.add_argument("--out", type=Path, default=SNAPSHOT_DIR, help="default: %(default)s")
    arguments = parser.parse_args(argv)
    written = export_schemas(arguments.out)
    print(f"wrote {len(written)} schemas to {arguments.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
