"""The breaking-change checker on schemas pydantic really produces, one change at a time."""

from typing import Annotated, Any, Literal
from uuid import UUID

import pytest
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from contracts.compatibility import breaking_changes


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


class Member(Strict):
    user_id: str
    email: str | None


class Email(Strict):
    group: Literal["email"]
    address: str


class Admins(Strict):
    group: Literal["admins"]
    tenant_id: UUID


class Signed(Strict):
    key_id: str
    signature: str


class SignedWithoutKey(Strict):
    signature: str


class Before(Strict):
    members: list[Member]
    receipt: Signed | None
    rows: dict[str, int]
    address: Annotated[Email | Admins, Field(discriminator="group")]
    algorithm: Literal["Ed25519"]
    score: int
    key: Annotated[str, StringConstraints(max_length=64)]
    note: str | None = None


def changed(**fields: Any) -> type[BaseModel]:
    """``Before`` with some fields redeclared as ``(annotation, default or ...)``."""
    definitions: dict[str, Any] = {
        name: (info.annotation, info) for name, info in Before.model_fields.items()
    }
    definitions.update(fields)
    return create_model("Before", __base__=Strict, **definitions)


class MemberV2(Strict):
    user_id: int
    email: str | None


class MemberWithTeam(Strict):
    user_id: str
    email: str | None
    team_id: str | None = None


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (
            changed(members=(list[MemberV2], ...)),
            ["$.members[].user_id: type changed from string to integer"],
        ),
        (
            changed(receipt=(create_model("Signed", __base__=SignedWithoutKey) | None, ...)),
            ["$.receipt.key_id: property removed"],
        ),
        (changed(rows=(dict[str, str], ...)), ["$.rows.*: type changed from integer to string"]),
        (changed(address=(Email, ...)), ["$.address: Admins is no longer accepted"]),
        (
            changed(algorithm=(Literal["RSA"], ...)),
            ['$.algorithm: const changed from "Ed25519" to "RSA"'],
        ),
        (changed(score=(str, ...)), ["$.score: type changed from integer to string"]),
        (changed(note=(str | None, ...)), ["$.note: property became required"]),
        (changed(note=(str, "")), ["$.note: type changed from null | string to string"]),
        (
            changed(key=(Annotated[str, StringConstraints(max_length=32)], ...)),
            ["$.key: maxLength tightened from 64 to 32"],
        ),
        (
            changed(
                key=(Annotated[str, StringConstraints(max_length=64, pattern="^[a-z]+$")], ...)
            ),
            ["$.key: pattern changed from None to ^[a-z]+$"],
        ),
    ],
)
def test_narrowing_a_pydantic_model_is_breaking(
    after: type[BaseModel], expected: list[str]
) -> None:
    assert breaking_changes(schema(Before), schema(after)) == expected


@pytest.mark.parametrize(
    "after",
    [
        changed(members=(list[MemberWithTeam], ...)),
        changed(score=(float, ...)),
        changed(score=(int | None, ...)),
        changed(key=(str, ...)),
        changed(extra=(str | None, None)),
        changed(algorithm=(Literal["Ed25519", "RSA"], ...)),
    ],
)
def test_widening_a_pydantic_model_is_not_breaking(after: type[BaseModel]) -> None:
    assert breaking_changes(schema(Before), schema(after)) == []


def test_forbidding_extra_keys_in_a_mapping_is_breaking() -> None:
    old = {"type": "object", "additionalProperties": {"type": "integer"}}
    new = {"type": "object", "additionalProperties": False}

    assert breaking_changes(old, new) == ["$: additional properties no longer allowed"]


def test_a_recursive_schema_is_compared_without_looping() -> None:
    tree = {
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
            }
        },
        "$ref": "#/$defs/Node",
    }

    assert breaking_changes(tree, tree) == []
