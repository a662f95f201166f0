"""The audit log: append-only (the database refuses UPDATE and DELETE), hash-chained, walked
end to end by ``/audit/verification``, read by privacy officers only (Q15, P12)."""

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.settings import async_database_url
from chassis.testing.auth import TestTokens
from privacy.audit.service import append_audit
from privacy.main import create_app
from privacy.settings import Settings
from soket_cli.layout import service_dir
from soket_cli.pytest_infrastructure import TestInfrastructure

from .conftest import FixedClock

OFFICER = frozenset({Role.PRIVACY_OFFICER})


@pytest.fixture
async def scratch(
    infrastructure: TestInfrastructure, clock: FixedClock
) -> AsyncIterator[tuple[Database, httpx.AsyncClient, TestTokens]]:
    """A privacy database of its own: this test breaks its chain on purpose."""
    url = async_database_url(
        infrastructure.postgres_url,
        f"{infrastructure.database_prefix}privacy_chain_{os.getpid()}",
    )
    await create_database_if_missing(url)
    try:
        await asyncio.to_thread(upgrade, service_dir("privacy"), url)
        app = create_app(Settings(database_url=url))
        app.state.clock = clock
        database = Database(url, pool_size=2)
        async with app.router.lifespan_context(app):
            tokens = TestTokens.install(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://privacy") as client:
                yield database, client, tokens
        await database.dispose()
    finally:
        await drop_database(url)


async def _append(database: Database, clock: FixedClock, count: int) -> None:
    async with database.sessions() as session, session.begin():
        for n in range(count):
            at = clock.now + timedelta(seconds=n)
            await append_audit(
                session, action="test.entry", actor="system", at=at, details={"n": n}
            )


async def test_the_database_refuses_to_change_or_delete_an_audit_entry_q15(
    database: Database, clock: FixedClock
) -> None:
    async with database.sessions() as session, session.begin():
        entry = await append_audit(
            session, action="test.entry", actor="system", at=clock.now, details={"n": 1}
        )
    for statement in (
        "UPDATE audit_entry SET details = '{\"n\": 2}' WHERE seq = :seq",
        "DELETE FROM audit_entry WHERE seq = :seq",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with database.sessions() as session, session.begin():
                await session.execute(text(statement), {"seq": entry.seq})
    with pytest.raises(DBAPIError, match="append-only"):
        async with database.sessions() as session, session.begin():
            await session.execute(text("TRUNCATE audit_entry"))


async def test_verification_walks_the_chain_and_finds_a_row_inserted_behind_its_back_q15(
    scratch: tuple[Database, httpx.AsyncClient, TestTokens], clock: FixedClock
) -> None:
    database, client, tokens = scratch
    officer = tokens.headers(tenant_id=None, roles=OFFICER)
    await _append(database, clock, 2500)  # more than one batch of the walk

    intact = await client.get("/audit/verification", headers=officer)
    assert intact.status_code == 200
    assert intact.json() == {"intact": True, "first_break": None, "entries": 2500}

    async with database.sessions() as session, session.begin():
        await session.execute(
            text(
                "INSERT INTO audit_entry (seq, at, action, actor, details, previous_hash, hash) "
                "SELECT seq + 1, at, 'forged.entry', 'system', '{}', hash, repeat('f', 64) "
                "FROM audit_entry ORDER BY seq DESC LIMIT 1"
            )
        )
    async with database.sessions() as session, session.begin():
        after = await append_audit(
            session, action="test.entry", actor="system", at=clock.now, details={}
        )
    broken = await client.get("/audit/verification", headers=officer)
    assert broken.json() == {"intact": False, "first_break": 2501, "entries": 2502}
    assert after.seq == 2502


async def test_a_changed_entry_in_the_middle_breaks_the_chain_where_it_is(
    scratch: tuple[Database, httpx.AsyncClient, TestTokens], clock: FixedClock
) -> None:
    database, client, tokens = scratch
    await _append(database, clock, 5)
    async with database.sessions() as session, session.begin():
        await session.execute(
            text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        )
        await session.execute(text("UPDATE audit_entry SET details = '{\"n\": 9}' WHERE seq = 3"))
        await session.execute(
            text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
        )
    verification = await client.get(
        "/audit/verification", headers=tokens.headers(tenant_id=None, roles=OFFICER)
    )
    assert verification.json() == {"intact": False, "first_break": 3, "entries": 5}


async def test_the_audit_log_is_paged_newest_first_for_privacy_officers_only_q15(
    scratch: tuple[Database, httpx.AsyncClient, TestTokens], clock: FixedClock
) -> None:
    database, client, tokens = scratch
    await _append(database, clock, 7)
    officer = tokens.headers(tenant_id=None, roles=OFFICER)
    page = await client.get("/audit", params={"page": 2, "page_size": 3}, headers=officer)
    assert page.status_code == 200
    body = page.json()
    assert (body["total"], body["page"], body["page_size"]) == (7, 2, 3)
    assert [item["seq"] for item in body["items"]] == [4, 3, 2]
    assert set(body["items"][0]) >= {"seq", "at", "action", "details", "previous_hash", "hash"}
    assert body["items"][0]["previous_hash"] == body["items"][1]["hash"]

    admin = tokens.headers(tenant_id=uuid4(), roles=frozenset({Role.ADMIN}))
    assert (await client.get("/audit", headers=admin)).status_code == 403
    assert (await client.get("/audit/verification", headers=admin)).status_code == 403
    assert (await client.get("/audit")).status_code == 401
    bad_page = await client.get("/audit", params={"page": 0}, headers=officer)
    assert bad_page.status_code == 422
