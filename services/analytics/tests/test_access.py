"""Statistics are the client's own: a viewer of client A reads nothing of client B's, on any
route; no token is 401, a user without a client is 403."""

import csv
import io
import random
from uuid import uuid4

import httpx
import pytest

from analytics.testing import scenario as script
from analytics.testing.delivering import deliver_in_batches
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens


@pytest.fixture
async def client_b(database: Database) -> script.Scenario:
    rng = random.Random(21)
    run = script.build(rng)
    await deliver_in_batches(database, run.events, [100] * 10)
    return run


def routes(run: script.Scenario) -> list[str]:
    person = run.people[0].subject_ref
    return [
        "/statistics/assessments",
        "/statistics/assessments.csv",
        f"/statistics/assessments/{run.quiz_id}",
        f"/statistics/assessments/{run.quiz_id}/questions",
        f"/statistics/assessments/{run.quiz_id}/questions.csv",
        "/statistics/participants",
        "/statistics/participants.csv",
        f"/statistics/participants/{person}",
        "/statistics/trend?dimension=day",
        "/statistics/trend?dimension=group",
        "/statistics/trend.csv?dimension=topic",
    ]


async def test_a_viewer_of_another_client_reads_nothing_on_every_route(
    client: httpx.AsyncClient, tokens: TestTokens, client_b: script.Scenario
) -> None:
    own = tokens.headers(tenant_id=client_b.tenant_id, roles={Role.VIEWER})
    other = tokens.headers(tenant_id=uuid4(), roles={Role.ADMIN})
    for route in routes(client_b):
        mine = await client.get(route, headers=own)
        assert mine.status_code == 200, route
        theirs = await client.get(route, headers=other)
        if route.endswith("questions"):
            assert theirs.json()["items"] == [], route
        elif ".csv" in route:
            assert theirs.status_code == 200, route
            assert list(csv.DictReader(io.StringIO(theirs.text))) == [], route
            assert len(list(csv.DictReader(io.StringIO(mine.text)))) > 0, route
        elif "/assessments/" in route or "/participants/" in route:
            assert theirs.status_code == 404, route
        else:
            assert theirs.status_code == 200, route
            assert theirs.json()["items"] == [], route
            assert theirs.json()["total"] == 0, route


async def test_every_route_needs_a_client_user(
    client: httpx.AsyncClient, tokens: TestTokens, client_b: script.Scenario
) -> None:
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})
    for route in routes(client_b):
        assert (await client.get(route)).status_code == 401, route
        bad = {"Authorization": "Bearer not-a-token"}
        assert (await client.get(route, headers=bad)).status_code == 401, route
        assert (await client.get(route, headers=officer)).status_code == 403, route


async def test_bad_input_is_a_clear_4xx(
    client: httpx.AsyncClient, tokens: TestTokens, client_b: script.Scenario
) -> None:
    viewer = tokens.headers(tenant_id=client_b.tenant_id, roles={Role.VIEWER})
    for route in (
        "/statistics/assessments?page=0",
        "/statistics/assessments?page_size=100000",
        "/statistics/assessments/not-a-uuid",
        "/statistics/participants/someone@example.ee",
        "/statistics/trend?dimension=colour",
        "/statistics/trend?since=yesterday",
    ):
        response = await client.get(route, headers=viewer)
        assert response.status_code == 422, route
        assert response.json()["detail"], route
