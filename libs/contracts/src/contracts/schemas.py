"""JSON Schema of every event's data and of the envelope, and the snapshot they are kept in."""

import json
import re
from pathlib import Path
from typing import Any, Final

from contracts.catalogue import CATALOGUE
from contracts.envelope import WireEnvelope

SNAPSHOT_DIR: Final = Path(__file__).parents[2] / "schemas"
"""``libs/contracts/schemas``: the committed snapshot."""

ENVELOPE_SCHEMA: Final = "envelope"

_EXPORTED_FILE: Final = re.compile(r"^(?:envelope|[a-z_]+\.[a-z_]+\.[a-z_]+\.v[0-9]+)\.json$")


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by name: each event type's data, and ``envelope``."""
    documents = {event_type: model.model_json_schema() for event_type, model in CATALOGUE.items()}
    documents[ENVELOPE_SCHEMA] = WireEnvelope.model_json_schema()
    return documents


def render(schema: dict[str, Any]) -> str:
    """A schema as its snapshot file holds it: sorted keys, two-space indent, final newline."""
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def schema_file(directory: Path, name: str) -> Path:
    """Where the schema called ``name`` lives in a snapshot directory."""
    return directory / f"{name}.json"


def export_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``, removing exported files no longer catalogued."""
    directory.mkdir(parents=True, exist_ok=True)
    documents = schemas()
    for stale in directory.iterdir():
        if _EXPORTED_FILE.fullmatch(stale.name) and stale.name[: -len(".json")] not in documents:
            stale.unlink()
    written = []
    for name, schema in documents.items():
        path = schema_file(directory, name)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
