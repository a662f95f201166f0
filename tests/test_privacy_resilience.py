"""A data service down during an erasure (issue 8, "Prove it"; P13, P15): every service runs on
the real database and broker, analytics' worker is stopped, and a participant's erasure is
approved. Its analytics job shows failed with its next retry while the others are done; once
the worker is back the request reaches ``verified``, and the services that had answered were
never asked again (one erasure reply each in their outboxes, one attempt each)."""

import json
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import (
    DATA_SERVICES,
    ClientAdmin,
    RunningSystem,
    client_request,
    eventually,
    module_system,
    request_detail,
    wait_for_state,
)

STOPPED = "analytics"
ANSWERED = tuple(service for service in DATA_SERVICES if service != STOPPED)


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(
        infrastructure,
        tmp_path_factory,
        name="resilience",
        environment={
            # A silent service is noticed after 3 s and asked again every 2 s.
            "PRIVACY_REQUESTS__JOB_REPLY_TIMEOUT_SECONDS": "3",
            "PRIVACY_REQUESTS__JOB_BACKOFF_SECONDS": json.dumps([2.0] * 30),
            # Sent replies stay in the outboxes, to be counted.
            **{
                f"{service.upper()}_MESSAGING__OUTBOX_RETENTION_SECONDS": "3600"
                for service in DATA_SERVICES
            },
        },
    )


async def erasure_replies(system: RunningSystem, service: str, request_id: str) -> int:
    """The erasure replies (each with its receipt) the service wrote for the request."""
    [row] = await system.fetch(
        service,
        "SELECT count(*) AS n FROM outbox_message WHERE event_type = $1 "
        "AND convert_from(body, 'UTF8') LIKE $2",
        f"{service}.subject.erased.v1",
        f"%{request_id}%",
    )
    return int(row["n"])


def job(detail: dict[str, Any], service: str, step: str = "erase") -> dict[str, Any]:
    jobs: list[dict[str, Any]] = detail["jobs"]
    [found] = [item for item in jobs if (item["service"], item["step"]) == (service, step)]
    return found


async def test_a_stopped_service_fails_and_retries_then_the_erasure_completes_p13_p15(
    system: RunningSystem,
) -> None:
    admin: ClientAdmin = await system.sign_up_client(
        email=f"admin.{secrets.token_hex(4)}@example.ee"
    )
    tag = secrets.token_hex(4)
    email = f"vastupidav.{tag}@example.ee"
    person = await admin.add_participant(name=f"Vastu Pidav {tag}", email=email)
    await admin.quiz_answered([(person, f"Vastus {tag}")], title=f"Katkestus {tag}")
    await system.settle()

    system.stop_process(STOPPED, "worker")
    try:
        made = await client_request(admin, email=email, request_type="erasure")
        request_id = made["id"]

        async def retrying() -> dict[str, Any] | None:
            detail = await request_detail(admin, request_id, route="/client/requests")
            waiting = job(detail, STOPPED)
            answered = all(job(detail, service)["status"] == "done" for service in ANSWERED)
            if waiting["status"] == "failed" and waiting["attempts"] >= 2 and answered:
                return detail
            return None

        detail = await eventually(retrying, within=60, what="analytics' job failing and retrying")
        assert detail["state"] == "in_progress"
        silent = job(detail, STOPPED)
        assert silent["next_attempt_at"] is not None
        assert STOPPED in (silent["last_error"] or "")
        assert silent["receipt"] is None
    finally:
        system.start_process(STOPPED, "worker")

    done = await wait_for_state(admin, request_id, {"verified"}, within=120)
    for service in ANSWERED:
        assert job(done, service)["attempts"] == 1, job(done, service)
        assert job(done, service)["receipt"] is not None
        assert await erasure_replies(system, service, request_id) == 1, service
    assert job(done, STOPPED)["attempts"] >= 2
    assert job(done, STOPPED)["receipt"] is not None
