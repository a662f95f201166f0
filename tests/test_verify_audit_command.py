"""``./soket privacy verify-audit`` (Q15): the real command, as a subprocess, over a privacy
database of its own. An intact log passes (exit 0); one audit row changed by the database's
owner behind the append-only trigger's back is found and named (exit 1), as are a row whose
link to its predecessor was rewritten, a missing row, and a trigger left disabled."""

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from chassis.database import Database
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.settings import async_database_url
from privacy.audit.chain import entry_hash
from privacy.audit.service import append_audit
from soket_cli.layout import repo_root, service_dir
from soket_cli.pytest_infrastructure import TestInfrastructure

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DISABLE = "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"
ENABLE = "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"


@pytest.fixture
async def audit_database(infrastructure: TestInfrastructure) -> AsyncIterator[tuple[str, Database]]:
    """A migrated privacy database holding six audit entries."""
    url = async_database_url(
        infrastructure.postgres_url,
        f"{infrastructure.database_prefix}privacy_verify_audit_{os.getpid()}",
    )
    await drop_database(url)
    await create_database_if_missing(url)
    database = Database(url, pool_size=2)
    try:
        await asyncio.to_thread(upgrade, service_dir("privacy"), url)
        async with database.sessions() as session, session.begin():
            for n in range(6):
                await append_audit(
                    session,
                    action="request.viewed",
                    actor="privacy_officer",
                    at=AT + timedelta(seconds=n),
                    details={"n": n},
                )
        yield url, database
    finally:
        await database.dispose()
        await drop_database(url)


def verify_audit(url: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRIVACY_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "soket_cli", "privacy", "verify-audit"],
        env=environment,
        cwd=repo_root(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def as_owner(database: Database, *statements: str) -> None:
    async with database.sessions() as session, session.begin():
        for statement in statements:
            await session.execute(text(statement))


async def test_an_intact_log_passes_q15(audit_database: tuple[str, Database]) -> None:
    url, _ = audit_database
    result = await asyncio.to_thread(verify_audit, url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "audit chain intact: 6 entries, last seq 6" in result.stdout


async def test_one_changed_audit_row_is_found_and_named_q15(
    audit_database: tuple[str, Database],
) -> None:
    url, database = audit_database
    await as_owner(
        database,
        DISABLE,
        "UPDATE audit_entry SET details = '{\"n\": 99}' WHERE seq = 4",
        ENABLE,
    )
    result = await asyncio.to_thread(verify_audit, url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "audit chain BROKEN at seq 4: entry 4 (request.viewed) was changed" in result.stdout
    assert "is not the hash of its content" in result.stdout
    assert "3 entries before it hold." in result.stdout


async def test_a_rewritten_link_is_named_with_both_hashes_q15(
    audit_database: tuple[str, Database],
) -> None:
    """The forger rewrites entry 3's previous_hash and recomputes its own hash: the entry
    matches its content, but no longer links to entry 2."""
    url, database = audit_database
    forged_previous = "f" * 64
    async with database.sessions() as session, session.begin():
        row = (
            await session.execute(
                text(
                    "SELECT seq, at, action, actor, actor_id, request_id, details "
                    "FROM audit_entry WHERE seq = 3"
                )
            )
        ).one()
    content = {
        "seq": row.seq,
        "at": row.at.isoformat(),
        "action": row.action,
        "actor": row.actor,
        "actor_id": None,
        "request_id": None,
        "details": row.details,
    }
    forged_hash = entry_hash(forged_previous, content)
    await as_owner(
        database,
        DISABLE,
        f"UPDATE audit_entry SET previous_hash = '{forged_previous}', hash = '{forged_hash}' "
        "WHERE seq = 3",
        ENABLE,
    )
    result = await asyncio.to_thread(verify_audit, url)
    assert result.returncode == 1
    assert "BROKEN at seq 3: entry 3 (request.viewed) does not link to entry 2's hash" in (
        result.stdout
    )
    assert forged_previous in result.stdout


async def test_a_deleted_row_is_named_as_missing_q15(audit_database: tuple[str, Database]) -> None:
    url, database = audit_database
    await as_owner(database, DISABLE, "DELETE FROM audit_entry WHERE seq = 5", ENABLE)
    result = await asyncio.to_thread(verify_audit, url)
    assert result.returncode == 1
    assert "BROKEN at seq 5: entry 5 is missing (the next entry is 6)" in result.stdout


async def test_a_disabled_append_only_trigger_fails_the_check_q15(
    audit_database: tuple[str, Database],
) -> None:
    url, database = audit_database
    await as_owner(database, DISABLE)
    result = await asyncio.to_thread(verify_audit, url)
    assert result.returncode == 1
    assert "audit chain intact: 6 entries" in result.stdout
    assert "append-only trigger audit_entry_append_only is missing or disabled" in result.stdout


def test_an_unreachable_database_is_a_failure_not_a_traceback() -> None:
    result = verify_audit("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "cannot read the privacy database's audit log" in result.stderr
    assert "Traceback" not in result.stderr
