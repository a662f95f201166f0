"""The public form (Q14): a code to the address, its attempts and expiry, the status token,
the throttle, and answers that never tell whether the address is known."""

import asyncio
from uuid import UUID, uuid4

import httpx
from sqlalchemy import select

from chassis.database import Database
from chassis.testing.outbox import outbox
from contracts.events.privacy import SUBJECT_DISCOVERY_REQUESTED
from privacy.intake.models import Intake
from privacy.intake.service import close_stale_intakes
from privacy.intake.testing import MovableClock, emailed_code
from privacy.settings import Settings


def unique_email() -> str:
    return f"Person.{uuid4().hex[:10]}@Example.COM"


async def submitted(client: httpx.AsyncClient, email: str, **fields: object) -> tuple[UUID, str]:
    body = {"email": email, "request_type": "access", "language": "en", **fields}
    response = await client.post("/public/requests", json=body)
    assert response.status_code == 202, response.text
    answer = response.json()
    assert set(answer) == {"intake_id", "status_token"}
    return UUID(answer["intake_id"]), answer["status_token"]


async def intake_row(database: Database, intake_id: UUID) -> Intake | None:
    async with database.sessions() as session:
        return await session.scalar(select(Intake).where(Intake.id == intake_id))


async def test_the_right_code_verifies_and_starts_discovery_q14(
    client: httpx.AsyncClient, database: Database
) -> None:
    email = unique_email()
    intake_id, token = await submitted(client, email)
    code = await emailed_code(database, address=email.lower())
    assert len(code) == 6
    assert code.isdigit()
    intake = await intake_row(database, intake_id)
    assert intake is not None
    assert intake.email == email.lower()
    assert intake.code_hash is not None
    assert code not in intake.code_hash
    assert intake.status_token_hash is not None
    assert token not in intake.status_token_hash

    response = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert response.status_code == 202, response.text
    assert response.json() == {"state": "discovering"}
    [asked] = [
        envelope
        for envelope in await outbox(database, SUBJECT_DISCOVERY_REQUESTED)
        if envelope.data.request_id == intake_id
    ]
    assert asked.data.email == email.lower()
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.json() == {"state": "discovering", "requests": []}

    again = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert again.status_code == 409


async def test_wrong_codes_spend_attempts_then_the_intake_is_dead_q14(
    client: httpx.AsyncClient, database: Database, settings: Settings
) -> None:
    email = unique_email()
    intake_id, token = await submitted(client, email)
    code = await emailed_code(database, address=email.lower())
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    attempts = settings.requests.verification_attempts
    for left in range(attempts - 1, 0, -1):
        response = await client.post(
            f"/public/requests/{intake_id}/verification",
            json={"code": wrong, "status_token": token},
        )
        assert response.status_code == 400
        assert response.json()["attempts_left"] == left
        assert f"{left} attempt" in response.json()["detail"]
    last = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": wrong, "status_token": token}
    )
    assert last.status_code == 410
    assert "submit the request again" in last.json()["detail"]
    right_too_late = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert right_too_late.status_code == 410
    intake = await intake_row(database, intake_id)
    assert intake is not None
    assert intake.email is None
    assert intake.code_hash is None
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.json()["state"] == "expired"


async def test_an_expired_code_is_refused_and_the_intake_forgotten_q14(
    client: httpx.AsyncClient, database: Database, settings: Settings, clock: MovableClock
) -> None:
    email = unique_email()
    intake_id, token = await submitted(client, email)
    code = await emailed_code(database, address=email.lower())
    clock.advance(minutes=settings.requests.verification_code_minutes)
    response = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert response.status_code == 410
    async with database.sessions() as session, session.begin():
        await close_stale_intakes(session, settings=settings, now=clock())
    assert await intake_row(database, intake_id) is None
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.status_code == 404


async def test_an_unverified_intake_past_its_code_is_deleted_by_the_scheduler_q14(
    client: httpx.AsyncClient, database: Database, settings: Settings, clock: MovableClock
) -> None:
    intake_id, _ = await submitted(client, unique_email())
    async with database.sessions() as session, session.begin():
        await close_stale_intakes(session, settings=settings, now=clock())
    assert await intake_row(database, intake_id) is not None
    later = clock.advance(minutes=settings.requests.verification_code_minutes, seconds=1)
    async with database.sessions() as session, session.begin():
        assert await close_stale_intakes(session, settings=settings, now=later) >= 1
    assert await intake_row(database, intake_id) is None


async def test_the_status_token_is_needed_for_everything_q14(
    client: httpx.AsyncClient, database: Database
) -> None:
    email = unique_email()
    intake_id, token = await submitted(client, email)
    code = await emailed_code(database, address=email.lower())
    other_id, other_token = await submitted(client, unique_email())
    for target, status_token in ((intake_id, other_token), (uuid4(), token), (other_id, token)):
        read = await client.get(f"/public/requests/{target}", params={"status_token": status_token})
        assert read.status_code == 404
        assert read.json() == {"detail": "No such request."}
        verify = await client.post(
            f"/public/requests/{target}/verification",
            json={"code": code, "status_token": status_token},
        )
        assert verify.status_code == 404
        withdraw = await client.post(
            f"/public/requests/{target}/withdrawal", json={"status_token": status_token}
        )
        assert withdraw.status_code == 404
    intake = await intake_row(database, intake_id)
    assert intake is not None
    assert intake.verified_at is None
    assert intake.withdrawn_at is None
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.json() == {"state": "awaiting_code", "requests": []}


async def test_at_most_a_few_intakes_per_address_per_hour_q14(
    client: httpx.AsyncClient, clock: MovableClock, settings: Settings
) -> None:
    email = unique_email()
    for _ in range(settings.requests.intakes_per_address_per_hour):
        await submitted(client, email)
    body = {"email": email.upper(), "request_type": "erasure", "language": "et"}
    refused = await client.post("/public/requests", json=body)
    assert refused.status_code == 429
    assert "per hour" in refused.json()["detail"]
    assert int(refused.headers["Retry-After"]) > 0
    other = await client.post("/public/requests", json={**body, "email": unique_email()})
    assert other.status_code == 202
    clock.advance(hours=1)
    assert (await client.post("/public/requests", json=body)).status_code == 202


async def test_the_answer_never_says_whether_the_address_is_known_q14(
    client: httpx.AsyncClient, database: Database
) -> None:
    known = unique_email()
    await submitted(client, known)
    first = await client.post(
        "/public/requests", json={"email": known, "request_type": "access", "language": "en"}
    )
    fresh = await client.post(
        "/public/requests",
        json={"email": unique_email(), "request_type": "access", "language": "en"},
    )
    assert first.status_code == fresh.status_code == 202
    assert set(first.json()) == set(fresh.json()) == {"intake_id", "status_token"}


async def test_bad_forms_are_refused_with_a_message_q14(client: httpx.AsyncClient) -> None:
    email = unique_email()
    cases: dict[str, dict[str, object]] = {
        "not a valid email address": {"email": "nobody", "request_type": "access"},
        "a rectification needs corrected_email": {"email": email, "request_type": "rectification"},
        "only for a rectification": {
            "email": email,
            "request_type": "access",
            "corrected_name": "Mari Maasikas",
        },
        "a restriction needs restrict": {"email": email, "request_type": "restriction"},
        "restrict is only for a restriction": {
            "email": email,
            "request_type": "erasure",
            "restrict": True,
        },
        "Input should be": {"email": email, "request_type": "portability"},
    }
    for message, body in cases.items():
        response = await client.post("/public/requests", json={"language": "en", **body})
        assert response.status_code == 422, body
        assert message in str(response.json()["detail"]), response.text
    bad_code = await client.post(
        f"/public/requests/{uuid4()}/verification", json={"code": "12ab56", "status_token": "x"}
    )
    assert bad_code.status_code == 422


async def test_a_rectification_keeps_its_corrections_until_opened_q14(
    client: httpx.AsyncClient, database: Database
) -> None:
    email = unique_email()
    intake_id, _ = await submitted(
        client,
        email,
        request_type="rectification",
        corrected_email=" New.Address@Example.com ",
        corrected_name=" Mari Maasikas ",
    )
    intake = await intake_row(database, intake_id)
    assert intake is not None
    assert intake.corrected_email == "new.address@example.com"
    assert intake.corrected_name == "Mari Maasikas"
    assert intake.received_at is not None
    assert intake.restrict is None


async def test_guesses_sent_together_each_spend_an_attempt_q14(
    client: httpx.AsyncClient, database: Database, settings: Settings
) -> None:
    email = unique_email()
    intake_id, token = await submitted(client, email)
    code = await emailed_code(database, address=email.lower())
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    attempts = settings.requests.verification_attempts
    answers = await asyncio.gather(
        *(
            client.post(
                f"/public/requests/{intake_id}/verification",
                json={"code": wrong, "status_token": token},
            )
            for _ in range(attempts)
        )
    )
    assert sorted(answer.status_code for answer in answers) == [400] * (attempts - 1) + [410]
    left = sorted(answer.json()["attempts_left"] for answer in answers if answer.status_code == 400)
    assert left == list(range(1, attempts))
    late = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert late.status_code == 410
