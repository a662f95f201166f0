"""No email, name, password, token or answer text ever reaches a log line."""

import json
import logging

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter
from pydantic import BaseModel

from chassis.app import create_service_app
from chassis.logs import get_logger
from chassis.redaction import REDACTED, redact, redaction_processor, scrub_text
from chassis.settings import ServiceSettings

EMAIL = "mari.maasikas@example.ee"
PASSWORD = "Correct-Horse-Battery-9"
JWT = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl"


class MarkerSettings(ServiceSettings):
    service_name = "marker"


class Login(BaseModel):
    email: str
    password: str


def login_router() -> APIRouter:
    router = APIRouter()
    log = get_logger("marker.login")

    @router.post("/login")
    async def login(body: Login, token: str = "") -> dict[str, str]:
        log.info("login attempt", email=body.email, password=body.password, token=token)
        log.info(f"login for {body.email} with password={body.password}")
        logging.getLogger("third.party").warning("payload %s", body.model_dump())
        log.info("credentials", payload=body.model_dump(), header=f"Bearer {JWT}")
        return {"status": "ok"}

    return router


async def test_a_request_carrying_an_email_and_password_logs_neither(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = create_service_app(
        settings=MarkerSettings(database_url="postgresql+asyncpg://u@127.0.0.1:1/none"),
        routers=[login_router()],
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.post(
                f"/login?email={EMAIL}&token={JWT}",
                json={"email": EMAIL, "password": PASSWORD},
                headers={"x-correlation-id": "redaction-test"},
            )
    assert response.status_code == 200
    output = capsys.readouterr().out
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert len(lines) >= 5, output
    assert EMAIL not in output
    assert PASSWORD not in output
    assert JWT not in output
    assert "maasikas" not in output
    request_lines = [line for line in lines if line.get("correlation_id") == "redaction-test"]
    assert {line["event"] for line in request_lines} >= {"login attempt", "request handled"}


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"user {EMAIL} signed up", EMAIL),
        ("GET /answer?token=abc123secret&x=1", "abc123secret"),
        (f'{{"password": "{PASSWORD}"}}', PASSWORD),
        (f"Authorization: Bearer {JWT}", JWT),
        ("amqp://guest:s3cret@localhost:5672/", "s3cret"),
        ("code=481516 sent", "481516"),
        ("name=Mari Maasikas", "Mari"),
    ],
)
def test_scrub_text_removes_what_looks_personal_or_secret(text: str, secret: str) -> None:
    assert secret not in scrub_text(text)


def test_fields_named_as_personal_or_secret_are_replaced_whole() -> None:
    event = {
        "event": "participant imported",
        "participant_name": "Mari",
        "name": "Mari",
        "answer_text": "I think it is B",
        "refresh_token": "opaque",
        "nested": [{"email": "x"}],
        "status": 200,
        "status_code": 201,
        "service": "accounts",
    }
    redacted = redact(event)
    assert redacted["participant_name"] == REDACTED
    assert redacted["name"] == REDACTED
    assert redacted["answer_text"] == REDACTED
    assert redacted["refresh_token"] == REDACTED
    assert redacted["nested"] == [{"email": REDACTED}]
    assert redacted["status"] == 200
    assert redacted["status_code"] == 201
    assert redacted["service"] == "accounts"
    assert redacted["event"] == "participant imported"


def test_harmless_operational_text_is_left_alone() -> None:
    text = "request handled status_code=200 duration_ms=3.1 route=/readyz"
    assert scrub_text(text) == text


def test_the_fields_logging_fills_in_pass_untouched_and_the_rest_is_still_scrubbed() -> None:
    line = redaction_processor(
        None,
        "info",
        {
            "timestamp": "2026-11-22T03:14:57.239281Z",
            "correlation_id": "8f37ae1acbd54b25ac2819c6a5f1f412",
            "event": "sent to mari@example.ee",
            "detail": "no markers here",
            "email": "mari@example.ee",
        },
    )
    assert line == {
        "timestamp": "2026-11-22T03:14:57.239281Z",
        "correlation_id": "8f37ae1acbd54b25ac2819c6a5f1f412",
        "event": "sent to [email]",
        "detail": "no markers here",
        "email": "[redacted]",
    }
