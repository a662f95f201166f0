"""Measure: the export of a subject with 10,000 answers (issue 8's target: under 2 s end to
end), from the parts the services sent to the link, then the download (P15, Q5)."""

import io
import json
import time
import zipfile
from urllib.parse import urlsplit

import httpx
from pydantic import JsonValue

from chassis.database import Database
from chassis.privacy.export_parts import split_export
from contracts.vocabulary import DataService
from privacy.exports.service import finish_export, store_export_part
from privacy.proofs.testing import add_request
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.settings import Settings

from .conftest import FixedClock

ANSWERS = 10_000
TARGET_SECONDS = 2.0


def subject_with_answers(count: int) -> dict[DataService, dict[str, JsonValue]]:
    answers: list[JsonValue] = [
        {
            "assessment": f"Daily question {n // 100}",
            "question": f"Which of these is the right way to handle case {n}?",
            "chosen": ["The second option", "The fourth option"],
            "scale_value": None,
            "free_text": "I would ask a colleague first, then write it down." if n % 7 else None,
            "correct": n % 3 == 0,
            "channel": "slack" if n % 2 else "email",
            "answered_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T08:{n % 60:02d}:00+00:00",
        }
        for n in range(count)
    ]
    return {
        DataService.ACCOUNTS: {"account": [], "sessions": [], "pending_email_changes": []},
        DataService.ASSESSMENTS: {
            "participants": [{"name": "Mari Maasikas", "email": "mari@example.ee"}],
            "dispatches": [
                {"assessment": f"Daily question {n // 100}", "status": "answered"}
                for n in range(count)
            ],
            "answers": answers,
            "restricted": False,
        },
        DataService.DELIVERY: {
            "delivery_log": [{"channel": "email", "status": "delivered"} for _ in range(count)],
            "unsubscribed": False,
        },
        DataService.ANALYTICS: {
            "answers": [{"question_id": f"q{n}", "correct": n % 3 == 0} for n in range(count)]
        },
    }


async def test_a_subject_with_10000_answers_is_exported_in_under_two_seconds_p15_q5(
    database: Database, settings: Settings, clock: FixedClock, client: httpx.AsyncClient
) -> None:
    async with database.sessions() as session, session.begin():
        request = await add_request(session, now=clock.now, request_type=RequestType.EXPORT)
    parts = 0
    for service, categories in subject_with_answers(ANSWERS).items():
        split = split_export(categories)
        parts += len(split)
        for number, part in enumerate(split, start=1):
            async with database.sessions() as session, session.begin():
                await store_export_part(
                    session,
                    request_id=request.id,
                    service=service,
                    part=number,
                    total_parts=len(split),
                    categories=part,
                )

    started = time.perf_counter()
    async with database.sessions() as session, session.begin():
        stored = await session.get(DataSubjectRequest, request.id)
        assert stored is not None
        link = await finish_export(session, request=stored, settings=settings, now=clock.now)
    built = time.perf_counter() - started
    url = urlsplit(link)
    response = await client.get(url.path.removeprefix("/api/privacy") + "?" + url.query)
    downloaded = time.perf_counter() - started

    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert len(json.loads(archive.read("assessments.json"))["answers"]) == ANSWERS
        rows = archive.read("assessments/answers.csv").decode().count("\n")
    assert rows == ANSWERS + 1
    print(
        f"\nexport of {ANSWERS} answers ({parts} parts in): built and stored in {built:.3f} s, "
        f"downloaded ({len(response.content) / 1e6:.2f} MB ZIP) at {downloaded:.3f} s"
    )
    assert downloaded < TARGET_SECONDS
