"""Accounts: a login storm must not starve the other requests of the API process.

A scratch accounts database (migrated) holds ``--users`` verified users. They all log in at
once through the API, in-process on one event loop as uvicorn runs it, with the real bcrypt
cost (12) and the default hashing concurrency (2 threads). Meanwhile another request that
needs the database (the JWKS) is timed every 20 ms.

Baselines in the same run: raw bcrypt checks per second (one thread, and as many threads as
the hasher uses) and the JWKS request's latency with no storm.
"""

import argparse
import asyncio
import base64
import secrets
import statistics
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import bcrypt
import httpx
from asgi_lifespan import LifespanManager
from pydantic import SecretStr
from sqlalchemy import insert

from accounts.clients.models import Client
from accounts.main import create_app
from accounts.settings import Settings
from accounts.users.models import User
from chassis.database import Database
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.privacy.subject_ref import subject_ref
from chassis.settings import DEFAULT_POSTGRES_URL, async_database_url
from contracts.ids import uuid7
from soket_cli.layout import service_dir

COST = 12
PASSWORD = b"benchmark password"
PROBE_INTERVAL_SECONDS = 0.02


def raw_checks_per_second(threads: int, checks: int) -> float:
    hashed = bcrypt.hashpw(PASSWORD, bcrypt.gensalt(rounds=COST))
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda _: bcrypt.checkpw(PASSWORD, hashed), range(checks)))
    return checks / (time.perf_counter() - started)


async def add_users(database: Database, key: bytes, count: int) -> list[str]:
    hashed = bcrypt.hashpw(PASSWORD, bcrypt.gensalt(rounds=COST)).decode()
    tenant_id, now = uuid7(), datetime.now(UTC)
    emails = [f"storm-{number}@example.ee" for number in range(count)]
    async with database.sessions() as session, session.begin():
        await session.execute(
            insert(Client).values(
                tenant_id=tenant_id, organisation_name="Bench", time_zone="UTC", language="en"
            )
        )
        await session.execute(
            insert(User),
            [
                {
                    "id": uuid7(),
                    "tenant_id": tenant_id,
                    "email": email,
                    "role": "viewer",
                    "subject_ref": subject_ref(key, tenant_id=tenant_id, email=email),
                    "password_hash": hashed,
                    "email_verified_at": now,
                    "joined_at": now,
                }
                for email in emails
            ],
        )
    return emails


async def probe_latencies(api: httpx.AsyncClient, stop: asyncio.Event) -> list[float]:
    latencies: list[float] = []
    while not stop.is_set():
        started = time.perf_counter()
        response = await api.get("/.well-known/jwks.json")
        assert response.status_code == 200
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(PROBE_INTERVAL_SECONDS)
    return latencies


def describe(name: str, latencies: Sequence[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{name}: {len(ordered)} requests, p50 {statistics.median(ordered) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
    )


async def measure(postgres_url: str, users: int) -> None:
    url = async_database_url(postgres_url, f"soket_bench_accounts_{secrets.token_hex(3)}")
    await create_database_if_missing(url)
    try:
        await asyncio.to_thread(upgrade, service_dir("accounts"), url)
        key = secrets.token_bytes(32)
        settings = Settings(
            database_url=url,
            environment="development",
            bcrypt_cost=COST,
            access_token_signing_key=SecretStr(base64.b64encode(secrets.token_bytes(32)).decode()),
            subject_ref_key=SecretStr(base64.b64encode(key).decode()),
            login_failures_per_address=users + 1,
        )
        database = Database(url, pool_size=2)
        emails = await add_users(database, key, users)
        await database.dispose()

        single = raw_checks_per_second(1, 8)
        parallel = raw_checks_per_second(settings.password_hashing_concurrency, 16)
        print(
            f"raw bcrypt cost {COST}: {single:.1f} checks/s (1 thread), "
            f"{parallel:.1f} checks/s ({settings.password_hashing_concurrency} threads)"
        )

        app = create_app(settings)
        async with LifespanManager(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="https://bench") as api:
                await api.get("/.well-known/jwks.json")
                stop = asyncio.Event()
                idle = asyncio.create_task(probe_latencies(api, stop))
                await asyncio.sleep(2)
                stop.set()
                print(describe("JWKS, no storm (baseline)", await idle))

                stop = asyncio.Event()
                during = asyncio.create_task(probe_latencies(api, stop))
                started = time.perf_counter()
                answers = await asyncio.gather(
                    *(
                        api.post(
                            "/auth/login", json={"email": email, "password": PASSWORD.decode()}
                        )
                        for email in emails
                    )
                )
                elapsed = time.perf_counter() - started
                stop.set()
                probes = await during
                assert all(answer.status_code == 200 for answer in answers)
                print(
                    f"login storm: {users} logins at once in {elapsed:.1f} s = "
                    f"{users / elapsed:.1f} logins/s ({users / elapsed / parallel:.0%} of raw "
                    f"bcrypt with {settings.password_hashing_concurrency} threads)"
                )
                print(describe("JWKS during the storm", probes))
    finally:
        await drop_database(url)


async def run(postgres_url: str, rabbitmq_url: str, *, events: int) -> None:
    """The signature ``./soket bench`` calls; ``events`` is the number of logins."""
    await measure(postgres_url, events)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    arguments = parser.parse_args(argv)
    asyncio.run(measure(arguments.postgres_url, arguments.users))


if __name__ == "__main__":
    main()
