"""Every service's API answers its probes against its own real database."""

import importlib
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from soket_cli.layout import SERVICES
from soket_cli.pytest_infrastructure import TestInfrastructure


def create_app(service: str) -> FastAPI:
    app: FastAPI = importlib.import_module(f"{service}.main").create_app()
    return app


async def client_for(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


@pytest.fixture(params=SERVICES)
async def client(
    request: pytest.FixtureRequest, infrastructure: TestInfrastructure
) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(create_app(request.param)):
        yield client


async def test_healthz_says_alive(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


async def test_readyz_checks_the_services_own_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok"}}


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    body = (await client.get("/metrics")).text
    assert "soket_http_requests_total{" in body
    assert 'route="/healthz"' in body


async def test_correlation_id_is_echoed_and_replaced_when_malformed(
    client: httpx.AsyncClient,
) -> None:
    kept = await client.get("/healthz", headers={"x-correlation-id": "req-42"})
    assert kept.headers["x-correlation-id"] == "req-42"
    replaced = await client.get("/healthz", headers={"x-correlation-id": "bad id\n<script>"})
    assert replaced.headers["x-correlation-id"] not in {"", "bad id\n<script>"}


@pytest.mark.parametrize("service", SERVICES)
async def test_readyz_is_503_while_the_database_is_away(
    service: str, infrastructure: TestInfrastructure, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        f"{service.upper()}_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"
    )
    async for client in client_for(create_app(service)):
        assert (await client.get("/healthz")).status_code == 200
        response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "unready"
        assert response.json()["checks"]["database"].startswith("error")
