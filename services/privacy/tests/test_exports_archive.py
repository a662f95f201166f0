"""Exports and access reports: a service's parts kept once and joined in order, then one ZIP
with a manifest, JSON per service and CSV per list of records, holding only this person's data
(P15: a copy, and what is processed; Q5: structured, commonly used, machine-readable)."""

import asyncio
import csv
import hashlib
import io
import json
import zipfile
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

import httpx
import pytest
from pydantic import JsonValue
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.privacy.export_parts import split_export
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.exports.models import ExportArchive, ExportPart
from privacy.exports.service import ExportIncomplete, finish_export, store_export_part
from privacy.proofs.testing import add_request
from privacy.register.service import describe_processing
from privacy.requests.models import DataSubjectRequest, RequestType, SubjectKind
from privacy.settings import Settings

from .conftest import FixedClock


def person(marker: str) -> dict[DataService, dict[str, JsonValue]]:
    """What each service exports about one person (the shapes the participants send)."""
    return {
        DataService.ACCOUNTS: {"account": [], "sessions": [], "pending_email_changes": []},
        DataService.ASSESSMENTS: {
            "participants": [
                {
                    "name": f"Mari {marker}",
                    "email": f"{marker}@example.ee",
                    "language": "et",
                    "groups": ["Sales", "Tallinn"],
                    "email_unsubscribed": False,
                }
            ],
            "answers": [
                {
                    "assessment": "Onboarding",
                    "question": f"Question {n}",
                    "chosen": ["Yes"],
                    "scale_value": None,
                    "free_text": f'=HYPERLINK("x") {marker}' if n == 0 else f"answer {n}",
                    "correct": n % 2 == 0,
                    "answered_at": f"2026-10-{1 + n % 28:02d}T08:00:00+00:00",
                }
                for n in range(120)
            ],
            "restricted": False,
        },
        DataService.DELIVERY: {
            "delivery_log": [{"channel": "email", "status": "delivered", "template": "question"}],
            "slack_member_directory": [],
            "unsubscribed": False,
            "restricted": False,
        },
        DataService.ANALYTICS: {
            "statistics": {"answers": 120, "correct_answers": 60},
            "answers": [{"question_id": f"q{n}", "correct": n % 2 == 0} for n in range(120)],
        },
    }


async def _store(
    database: Database, request_id: UUID, data: dict[DataService, dict[str, JsonValue]]
) -> list[bool]:
    """Each service's export split as the chassis splits it, one reply per transaction."""
    done = []
    for service, categories in data.items():
        parts = split_export(categories, max_part_bytes=4096)
        for number, part in enumerate(parts, start=1):
            async with database.sessions() as session, session.begin():
                done.append(
                    await store_export_part(
                        session,
                        request_id=request_id,
                        service=service,
                        part=number,
                        total_parts=len(parts),
                        categories=part,
                    )
                )
    return done


async def _request(
    database: Database, clock: FixedClock, request_type: RequestType
) -> DataSubjectRequest:
    async with database.sessions() as session, session.begin():
        return await add_request(session, now=clock.now, request_type=request_type)


async def _finish(
    database: Database, settings: Settings, clock: FixedClock, request_id: UUID
) -> str:
    async with database.sessions() as session, session.begin():
        request = await session.get(DataSubjectRequest, request_id)
        assert request is not None
        return await finish_export(session, request=request, settings=settings, now=clock.now)


async def _download(client: httpx.AsyncClient, link: str) -> httpx.Response:
    parts = urlsplit(link)
    return await client.get(parts.path.removeprefix("/api/privacy") + "?" + parts.query)


def _files(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
        return {name: opened.read(name) for name in opened.namelist()}


async def test_parts_are_kept_once_and_a_service_is_done_when_all_its_parts_are_in(
    database: Database, clock: FixedClock
) -> None:
    request = await _request(database, clock, RequestType.EXPORT)
    answers = person("once")[DataService.ASSESSMENTS]
    parts = split_export(answers, max_part_bytes=4096)
    assert len(parts) > 2
    seen = []
    for number, part in [(1, parts[0]), (1, parts[0]), *enumerate(parts[1:], start=2)]:
        async with database.sessions() as session, session.begin():
            seen.append(
                await store_export_part(
                    session,
                    request_id=request.id,
                    service=DataService.ASSESSMENTS,
                    part=number,
                    total_parts=len(parts),
                    categories=part,
                )
            )
    assert seen == [False] * len(parts) + [True]
    async with database.sessions() as session:
        stored = await session.scalar(
            select(func.count()).select_from(ExportPart).where(ExportPart.request_id == request.id)
        )
    assert stored == len(parts)


async def test_an_export_is_one_zip_with_a_manifest_json_and_csv_of_this_person_only_p15_q5(
    database: Database, settings: Settings, clock: FixedClock, client: httpx.AsyncClient
) -> None:
    request = await _request(database, clock, RequestType.EXPORT)
    someone_else = await _request(database, clock, RequestType.EXPORT)
    await _store(database, someone_else.id, person("someoneelse"))
    done = await _store(database, request.id, person("marker"))
    assert done.count(True) == len(DataService)

    link = await _finish(database, settings, clock, request.id)

    response = await _download(client, link)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="soket-{request.reference}.zip"'
    )
    files = _files(response.content)
    assert set(files) == {
        "manifest.json",
        "accounts.json",
        "assessments.json",
        "assessments/participants.csv",
        "assessments/answers.csv",
        "delivery.json",
        "delivery/delivery_log.csv",
        "analytics.json",
        "analytics/answers.csv",
    }
    assert b"someoneelse" not in response.content
    assert not any(b"someoneelse" in content for content in files.values())

    manifest = json.loads(files["manifest.json"])
    assert manifest["request"] == {"reference": request.reference, "type": "export"}
    assert manifest["created_at"] == clock.now.isoformat()
    assessments = manifest["services"]["assessments"]
    assert assessments["categories"] == {
        "participants": {"items": 1},
        "answers": {"items": 120},
        "restricted": {"items": 1},
    }
    for service in manifest["services"].values():
        for path, digest in service["files"].items():
            assert hashlib.sha256(files[path]).hexdigest() == digest
    assert set(manifest["services"]["accounts"]["files"]) == {"accounts.json"}

    expected = person("marker")[DataService.ASSESSMENTS]
    assert json.loads(files["assessments.json"]) == expected  # the split parts joined, in order
    rows = list(csv.DictReader(io.StringIO(files["assessments/answers.csv"].decode())))
    assert len(rows) == 120
    assert list(rows[0]) == [
        "assessment",
        "question",
        "chosen",
        "scale_value",
        "free_text",
        "correct",
        "answered_at",
    ]
    assert rows[0]["free_text"] == '\'=HYPERLINK("x") marker'  # never run as a formula
    assert rows[1] == {
        "assessment": "Onboarding",
        "question": "Question 1",
        "chosen": '["Yes"]',
        "scale_value": "",
        "free_text": "answer 1",
        "correct": "false",
        "answered_at": "2026-10-02T08:00:00+00:00",
    }
    participants = list(csv.DictReader(io.StringIO(files["assessments/participants.csv"].decode())))
    assert participants[0]["groups"] == '["Sales","Tallinn"]'

    async with database.sessions() as session:
        archive = await session.get(ExportArchive, request.id)
        parts_left = await session.scalar(
            select(func.count()).select_from(ExportPart).where(ExportPart.request_id == request.id)
        )
        others_left = await session.scalar(
            select(func.count())
            .select_from(ExportPart)
            .where(ExportPart.request_id == someone_else.id)
        )
        [archived] = await session.scalars(
            select(AuditEntry).where(
                AuditEntry.request_id == request.id, AuditEntry.action == "export.archived"
            )
        )
    assert archive is not None
    assert archive.content == response.content
    assert archive.sha256 == hashlib.sha256(response.content).hexdigest()
    assert archive.size_bytes == len(response.content)
    assert parts_left == 0
    assert others_left == sum(
        len(split_export(categories, max_part_bytes=4096))
        for categories in person("someoneelse").values()
    )
    assert archived.details["sha256"] == archive.sha256
    assert archived.details["services"] == sorted(s.value for s in DataService)
    assert request.email is not None
    assert request.email not in json.dumps(archived.details)


async def test_an_access_request_gets_a_report_of_what_is_held_and_why_p15(
    database: Database, settings: Settings, clock: FixedClock, client: httpx.AsyncClient
) -> None:
    request = await _request(database, clock, RequestType.ACCESS)
    await _store(database, request.id, person("access"))

    link = await _finish(database, settings, clock, request.id)

    files = _files((await _download(client, link)).content)
    assert set(files) == {"manifest.json", "access.json"}
    report = json.loads(files["access.json"])
    assert report["request"] == {"reference": request.reference, "type": "access"}
    assert report["held"]["assessments"] == {"participants": 1, "answers": 120, "restricted": 1}
    assert report["held"]["accounts"] == {
        "account": 0,
        "sessions": 0,
        "pending_email_changes": 0,
    }
    assert report["held"]["analytics"] == {"statistics": 1, "answers": 120}
    async with database.sessions() as session:
        register: Any = await describe_processing(session, subject_kind=SubjectKind.PARTICIPANT)
    assert report["processing"] == json.loads(json.dumps(register))
    assert b"access@example.ee" not in files["access.json"]  # counts, not the data
    manifest = json.loads(files["manifest.json"])
    assert manifest["files"] == {"access.json": hashlib.sha256(files["access.json"]).hexdigest()}


async def test_an_export_waits_for_every_part_and_other_requests_have_none(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    request = await _request(database, clock, RequestType.EXPORT)
    answers = person("late")[DataService.ASSESSMENTS]
    parts = split_export(answers, max_part_bytes=4096)
    async with database.sessions() as session, session.begin():
        await store_export_part(
            session,
            request_id=request.id,
            service=DataService.ASSESSMENTS,
            part=1,
            total_parts=len(parts),
            categories=parts[0],
        )
    with pytest.raises(ExportIncomplete, match=f"assessments sent 1 of {len(parts)} parts"):
        await _finish(database, settings, clock, request.id)
    erasure = await _request(database, clock, RequestType.ERASURE)
    with pytest.raises(ExportIncomplete, match="erasure request has no export"):
        await _finish(database, settings, clock, erasure.id)


async def test_the_last_two_parts_stored_at_once_still_finish_the_service(
    database: Database, clock: FixedClock
) -> None:
    request = await _request(database, clock, RequestType.EXPORT)

    async def store(session: AsyncSession, part: int) -> bool:
        return await store_export_part(
            session,
            request_id=request.id,
            service=DataService.DELIVERY,
            part=part,
            total_parts=2,
            categories={"delivery_log": [{"part": part}]},
        )

    async with database.sessions() as first, database.sessions() as second:
        await first.begin()
        assert await store(first, 1) is False
        await second.begin()
        other = asyncio.create_task(store(second, 2))
        await asyncio.sleep(0.2)
        assert not other.done()  # waits for the first to commit, then counts both
        await first.commit()
        assert await other is True
        await second.commit()
