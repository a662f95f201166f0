"""The ZIP a subject downloads (pure): an export (JSON per service, CSV per list of records,
a manifest with each file's SHA-256), or an access report; and merging a service's parts."""

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from pydantic import JsonValue

EXPORT_FORMAT: Final = "soket.export.v1"
ACCESS_FORMAT: Final = "soket.access-report.v1"
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

Slices = Mapping[str, Mapping[str, JsonValue]]
"""service → its categories."""


def merge_parts(parts: Iterable[Mapping[str, JsonValue]]) -> dict[str, JsonValue]:
    """A service's parts, in order, as one set of categories: a list split across parts is
    joined again (``chassis.privacy.export_parts.split_export`` splits them)."""
    merged: dict[str, JsonValue] = {}
    for categories in parts:
        for name, value in categories.items():
            kept = merged.get(name)
            if isinstance(kept, list) and isinstance(value, list):
                kept.extend(value)
            else:
                merged[name] = list(value) if isinstance(value, list) else value
    return merged


def item_count(value: JsonValue) -> int:
    """How many things a category holds: a list's length, none for null, else one."""
    if isinstance(value, list):
        return len(value)
    return 0 if value is None else 1


def record_list(value: JsonValue) -> list[dict[str, JsonValue]] | None:
    """The category as records (a non-empty list of objects), or None when it is not one."""
    if not isinstance(value, list) or not value:
        return None
    records = [item for item in value if isinstance(item, dict)]
    return records if len(records) == len(value) else None


def export_zip(*, reference: str, request_type: str, created_at: datetime, slices: Slices) -> bytes:
    """``manifest.json``, ``<service>.json`` per service, ``<service>/<category>.csv`` per
    list of records."""
    files: dict[str, bytes] = {}
    services: dict[str, Any] = {}
    for service, categories in sorted(slices.items()):
        own = {f"{service}.json": _json(categories)}
        for name, value in categories.items():
            records = record_list(value)
            if records is not None:
                own[f"{service}/{name}.csv"] = records_csv(records)
        files.update(own)
        services[service] = {
            "categories": {name: {"items": item_count(v)} for name, v in categories.items()},
            "files": {path: _sha256(content) for path, content in own.items()},
        }
    manifest = {
        "format": EXPORT_FORMAT,
        "request": {"reference": reference, "type": request_type},
        "created_at": created_at.isoformat(),
        "services": services,
    }
    return _zip({"manifest.json": _json(manifest), **files}, created_at=created_at)


def access_zip(
    *,
    reference: str,
    created_at: datetime,
    slices: Slices,
    processing: list[dict[str, Any]],
) -> bytes:
    """``access.json``: per service the categories held and how many items each, and what the
    register says is processed about this kind of person; with ``manifest.json``."""
    held = {
        service: {name: item_count(value) for name, value in categories.items()}
        for service, categories in sorted(slices.items())
    }
    report = {
        "format": ACCESS_FORMAT,
        "request": {"reference": reference, "type": "access"},
        "created_at": created_at.isoformat(),
        "held": held,
        "processing": processing,
    }
    content = _json(report)
    manifest = {
        "format": EXPORT_FORMAT,
        "request": {"reference": reference, "type": "access"},
        "created_at": created_at.isoformat(),
        "services": {
            service: {"categories": {name: {"items": n} for name, n in counts.items()}}
            for service, counts in held.items()
        },
        "files": {"access.json": _sha256(content)},
    }
    return _zip({"manifest.json": _json(manifest), "access.json": content}, created_at=created_at)


def records_csv(records: list[dict[str, JsonValue]]) -> bytes:
    """One row per record, one column per field (in first-seen order); nested values as JSON;
    text a spreadsheet would run as a formula starts with a quote."""
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([_cell(record.get(column)) for column in columns] for record in records)
    return buffer.getvalue().encode()


def _cell(value: JsonValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode()


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _zip(files: Mapping[str, bytes], *, created_at: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = created_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path, content in files.items():
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, content)
    return buffer.getvalue()
