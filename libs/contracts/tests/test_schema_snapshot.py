"""The exported schemas stay compatible with the committed snapshot in libs/contracts/schemas."""

import json
from pathlib import Path
from typing import Any

import pytest

from contracts import CATALOGUE
from contracts.__main__ import main
from contracts.compatibility import breaking_changes
from contracts.schemas import ENVELOPE_SCHEMA, SNAPSHOT_DIR, export_schemas, schema_file

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT_COMMAND = "uv run python -m contracts export-schemas"
SNAPSHOTTED = sorted(path.name.removesuffix(".json") for path in SNAPSHOT_DIR.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("schemas")
    export_schemas(directory)
    return directory


@pytest.mark.parametrize("name", [*CATALOGUE, ENVELOPE_SCHEMA])
def test_every_event_type_and_the_envelope_have_a_snapshot(name: str) -> None:
    assert schema_file(SNAPSHOT_DIR, name).is_file(), (
        f"{name} has no schema snapshot: run `{EXPORT_COMMAND}` and commit libs/contracts/schemas"
    )


@pytest.mark.parametrize("name", SNAPSHOTTED)
def test_no_breaking_change_against_the_snapshot(name: str, exported: Path) -> None:
    current = schema_file(exported, name)
    assert current.is_file(), (
        f"{name} is no longer catalogued, but consumers may still read it: keep publishing it "
        f"until every consumer has moved to its successor, then delete its snapshot"
    )

    problems = breaking_changes(load(schema_file(SNAPSHOT_DIR, name)), load(current))

    assert not problems, (
        f"breaking change to {name}; a breaking change needs a new vN+1 type, published beside "
        f"the old one while consumers move:\n  " + "\n  ".join(problems)
    )


def test_the_export_command_writes_one_sorted_schema_per_type(tmp_path: Path) -> None:
    (tmp_path / "accounts.client.vanished.v1.json").write_text("{}")
    (tmp_path / "README.md").write_text("kept")

    assert main(["export-schemas", "--out", str(tmp_path)]) == 0

    written = sorted(path.name for path in tmp_path.glob("*.json"))
    assert written == sorted(f"{name}.json" for name in [*CATALOGUE, ENVELOPE_SCHEMA])
    assert (tmp_path / "README.md").exists()
    text = schema_file(tmp_path, "assessments.answer.submitted.v1").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"


def test_the_envelope_schema_describes_every_envelope_field() -> None:
    envelope = load(schema_file(SNAPSHOT_DIR, ENVELOPE_SCHEMA))

    assert set(envelope["properties"]) == {
        "id",
        "type",
        "source",
        "occurred_at",
        "tenant_id",
        "subject_ref",
        "correlation_id",
        "causation_id",
        "traceparent",
        "data",
    }


# --- the checker, proven on fixtures ----------------------------------------------------------


def test_an_additive_change_is_not_breaking() -> None:
    assert breaking_changes(load(FIXTURES / "base.json"), load(FIXTURES / "additive.json")) == []


def test_the_same_schema_is_not_breaking() -> None:
    base = load(FIXTURES / "base.json")
    assert breaking_changes(base, base) == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("removed_field", ["$.attempt: property removed"]),
        (
            "retyped_field",
            ["$.contacts.slack_user_id: type changed from null | string to integer | null"],
        ),
        ("newly_required", ["$.note: property became required"]),
        ("enum_narrowed", ['$.channel: enum values removed: "slack"']),
    ],
)
def test_a_breaking_change_is_reported_with_its_path(fixture: str, expected: list[str]) -> None:
    changes = breaking_changes(load(FIXTURES / "base.json"), load(FIXTURES / f"{fixture}.json"))

    assert changes == expected


def test_every_breaking_fixture_would_fail_the_snapshot_test() -> None:
    base = load(FIXTURES / "base.json")
    for fixture in ["removed_field", "retyped_field", "newly_required", "enum_narrowed"]:
        assert breaking_changes(base, load(FIXTURES / f"{fixture}.json")), fixture
