"""Does a new JSON Schema still accept every message its old version accepted?

A consumer must read the messages already queued or still published under the old schema,
so any way the new schema refuses one of them is breaking: a property removed, retyped or
newly required, enum values removed, a const changed, a constraint tightened. A new optional
property, new enum values and a wider type are not. (Consumers are deployed before
producers, so new optional fields and values are only sent once consumers know them.)
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

Schema = Mapping[str, Any]
_Option = tuple[Schema, str | None]
"""One alternative of a schema, resolved, with the ``$ref`` it was reached through."""

_ANY: Final = "any"
_LOWER_BOUNDS: Final = ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")
_UPPER_BOUNDS: Final = ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")
_EXACT_KEYWORDS: Final = ("pattern", "format")


def breaking_changes(old_schema: Schema, new_schema: Schema) -> list[str]:
    """Each way the new schema refuses what the old one accepted, as ``path: what changed``."""
    return _Comparison(old_schema, new_schema).compare(old_schema, new_schema, "$", frozenset())


@dataclass(frozen=True)
class _Comparison:
    old_root: Schema
    new_root: Schema

    def compare(
        self, old: Schema, new: Schema, path: str, visiting: frozenset[tuple[str, str]]
    ) -> list[str]:
        old_options = _options(old, self.old_root)
        new_options = _options(new, self.new_root)
        problems: list[str] = []
        for option in old_options:
            problems += self._compare_option(option, old_options, new_options, path, visiting)
        return problems

    def _compare_option(
        self,
        option: _Option,
        old_options: Sequence[_Option],
        new_options: Sequence[_Option],
        path: str,
        visiting: frozenset[tuple[str, str]],
    ) -> list[str]:
        old_node, old_ref = option
        candidates = [
            (node, ref) for node, ref in new_options if _overlap(_types(old_node), _types(node))
        ]
        if not candidates:
            return [
                f"{path}: type changed from {_describe(old_options)} to {_describe(new_options)}"
            ]
        attempts: list[tuple[Schema, list[str]]] = []
        for new_node, new_ref in candidates:
            pair = (old_ref, new_ref) if old_ref and new_ref else None
            if pair in visiting:
                return []  # already being compared further up: a recursive schema
            problems = self._compare_node(
                old_node, new_node, path, visiting | {pair} if pair else visiting
            )
            if not problems:
                return []
            attempts.append((new_node, problems))
        if len(old_options) == 1:
            return min((problems for _, problems in attempts), key=len)
        title = old_node.get("title")
        for new_node, problems in attempts:
            if title is not None and new_node.get("title") == title:
                return problems  # the same named alternative, changed inside
        return [f"{path}: {title or _describe_types(_types(old_node))} is no longer accepted"]

    def _compare_node(
        self, old: Schema, new: Schema, path: str, visiting: frozenset[tuple[str, str]]
    ) -> list[str]:
        old_types, new_types = _types(old), _types(new)
        if not _accepts(new_types, old_types):
            return [
                f"{path}: type changed from {_describe_types(old_types)} "
                f"to {_describe_types(new_types)}"
            ]
        problems = _value_changes(old, new, path) + _tightened_constraints(old, new, path)
        if "object" in old_types or _ANY in old_types:
            problems += self._compare_objects(old, new, path, visiting)
        if "array" in old_types or _ANY in old_types:
            problems += self._compare_arrays(old, new, path, visiting)
        return problems

    def _compare_objects(
        self, old: Schema, new: Schema, path: str, visiting: frozenset[tuple[str, str]]
    ) -> list[str]:
        old_properties: Schema = old.get("properties", {})
        new_properties: Schema = new.get("properties", {})
        problems: list[str] = []
        for name, old_property in old_properties.items():
            if name in new_properties:
                problems += self.compare(
                    old_property, new_properties[name], f"{path}.{name}", visiting
                )
            else:
                problems.append(f"{path}.{name}: property removed")
        old_required = set(old.get("required", []))
        for name in sorted(set(new.get("required", [])) - old_required):
            change = (
                "property became required" if name in old_properties else "new required property"
            )
            problems.append(f"{path}.{name}: {change}")
        if "propertyNames" in old or "propertyNames" in new:
            problems += self.compare(
                old.get("propertyNames", {}),
                new.get("propertyNames", {}),
                f"{path}.<key>",
                visiting,
            )
        return problems + self._compare_additional_properties(old, new, path, visiting)

    def _compare_additional_properties(
        self, old: Schema, new: Schema, path: str, visiting: frozenset[tuple[str, str]]
    ) -> list[str]:
        old_extra = old.get("additionalProperties", True)
        new_extra = new.get("additionalProperties", True)
        if old_extra is False or new_extra is True:
            return []
        if new_extra is False:
            return [f"{path}: additional properties no longer allowed"]
        old_extra_schema: Schema = {} if old_extra is True else old_extra
        return self.compare(old_extra_schema, new_extra, f"{path}.*", visiting)

    def _compare_arrays(
        self, old: Schema, new: Schema, path: str, visiting: frozenset[tuple[str, str]]
    ) -> list[str]:
        problems: list[str] = []
        old_items, new_items = old.get("items", {}), new.get("items", {})
        has_items = "items" in old or "items" in new
        if has_items and isinstance(old_items, Mapping) and isinstance(new_items, Mapping):
            problems += self.compare(old_items, new_items, f"{path}[]", visiting)
        old_prefix, new_prefix = old.get("prefixItems", []), new.get("prefixItems", [])
        for index, (old_item, new_item) in enumerate(zip(old_prefix, new_prefix, strict=False)):
            problems += self.compare(old_item, new_item, f"{path}[{index}]", visiting)
        return problems


def _options(node: Schema, root: Schema) -> list[_Option]:
    """The alternatives a node accepts (``anyOf``/``oneOf`` flattened), each resolved."""
    resolved, ref = _resolve(node, root)
    for keyword in ("anyOf", "oneOf"):
        alternatives = resolved.get(keyword)
        if isinstance(alternatives, list):
            return [
                option for alternative in alternatives for option in _options(alternative, root)
            ]
    return [(resolved, ref)]


def _resolve(node: Schema, root: Schema) -> _Option:
    """Follow ``$ref`` and single-member ``allOf`` wrappers; sibling keywords are kept."""
    ref: str | None = None
    followed: set[str] = set()
    while True:
        if "$ref" in node:
            ref = str(node["$ref"])
            if ref in followed:
                raise ValueError(f"{ref} refers only to itself")
            followed.add(ref)
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            node = {**_follow(ref, root), **siblings}
        elif isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:
            siblings = {key: value for key, value in node.items() if key != "allOf"}
            node = {**node["allOf"][0], **siblings}
        else:
            return node, ref


def _follow(ref: str, root: Schema) -> Schema:
    if not ref.startswith("#"):
        raise ValueError(f"only local references are supported, not {ref}")
    target: Any = root
    for part in ref[1:].split("/")[1:]:
        target = target[part.replace("~1", "/").replace("~0", "~")]
    if not isinstance(target, Mapping):
        raise ValueError(f"{ref} does not point to a schema")
    return target


def _types(node: Schema) -> frozenset[str]:
    """The JSON types a node accepts; ``any`` when it does not restrict them."""
    declared = node.get("type")
    if isinstance(declared, str):
        return frozenset({declared})
    if isinstance(declared, list):
        return frozenset(declared)
    if "const" in node:
        return frozenset({_json_type(node["const"])})
    if "enum" in node:
        return frozenset(_json_type(value) for value in node["enum"])
    if "properties" in node or "additionalProperties" in node:
        return frozenset({"object"})
    if "items" in node or "prefixItems" in node:
        return frozenset({"array"})
    return frozenset({_ANY})


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _accepts(new_types: frozenset[str], old_types: frozenset[str]) -> bool:
    if _ANY in new_types:
        return True
    return all(
        old_type in new_types or (old_type == "integer" and "number" in new_types)
        for old_type in old_types
    )


def _overlap(old_types: frozenset[str], new_types: frozenset[str]) -> bool:
    if _ANY in old_types or _ANY in new_types:
        return True
    numeric = {"integer", "number"}
    return bool(old_types & new_types) or bool(old_types & numeric and new_types & numeric)


def _describe(options: Sequence[_Option]) -> str:
    return _describe_types(frozenset().union(*(_types(node) for node, _ in options)))


def _describe_types(types: frozenset[str]) -> str:
    return " | ".join(sorted(types))


def _allowed_values(node: Schema) -> list[str] | None:
    """The values a node is limited to, JSON-encoded; None when it lists none."""
    if "const" in node:
        return [json.dumps(node["const"], sort_keys=True)]
    if "enum" in node:
        return [json.dumps(value, sort_keys=True) for value in node["enum"]]
    return None


def _value_changes(old: Schema, new: Schema, path: str) -> list[str]:
    old_values, new_values = _allowed_values(old), _allowed_values(new)
    if new_values is None:
        return []
    if old_values is None:
        return [f"{path}: now limited to {', '.join(new_values)}"]
    if "const" in old and "const" in new and old_values != new_values:
        return [f"{path}: const changed from {old_values[0]} to {new_values[0]}"]
    removed = [value for value in old_values if value not in new_values]
    return [f"{path}: enum values removed: {', '.join(removed)}"] if removed else []


def _tightened_constraints(old: Schema, new: Schema, path: str) -> list[str]:
    problems: list[str] = []
    for keyword in _LOWER_BOUNDS:
        old_bound, new_bound = old.get(keyword), new.get(keyword)
        if new_bound is not None and (old_bound is None or new_bound > old_bound):
            problems.append(f"{path}: {keyword} tightened from {old_bound} to {new_bound}")
    for keyword in _UPPER_BOUNDS:
        old_bound, new_bound = old.get(keyword), new.get(keyword)
        if new_bound is not None and (old_bound is None or new_bound < old_bound):
            problems.append(f"{path}: {keyword} tightened from {old_bound} to {new_bound}")
    for keyword in _EXACT_KEYWORDS:
        old_value, new_value = old.get(keyword), new.get(keyword)
        if new_value is not None and new_value != old_value:
            problems.append(f"{path}: {keyword} changed from {old_value} to {new_value}")
    return problems
