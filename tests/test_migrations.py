"""Each service's Alembic history is one line that upgrades and downgrades cleanly."""

import asyncio
import os

import asyncpg
import pytest
from alembic import command
from alembic.script import ScriptDirectory

from chassis.migrations import alembic_config, create_database_if_missing, drop_database
from chassis.migrations import upgrade as upgrade_to
from chassis.settings import async_database_url
from soket_cli.layout import SERVICES, service_dir
from soket_cli.pytest_infrastructure import TestInfrastructure


@pytest.mark.parametrize("service", SERVICES)
def test_history_has_one_head(service: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(service_dir(service), "postgresql://x/y"))
    assert len(script.get_heads()) == 1


async def current_revision(url: str) -> str | None:
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        revision: str | None = await connection.fetchval("SELECT version_num FROM alembic_version")
        return revision
    finally:
        await connection.close()


@pytest.mark.parametrize("service", SERVICES)
def test_upgrade_downgrade_upgrade_on_a_scratch_database(
    service: str, infrastructure: TestInfrastructure
) -> None:
    url = async_database_url(
        infrastructure.postgres_url, f"{infrastructure.database_prefix}scratch_{os.getpid()}"
    )
    asyncio.run(create_database_if_missing(url))
    try:
        folder = service_dir(service)
        script = ScriptDirectory.from_config(alembic_config(folder, url))
        upgrade_to(folder, url)
        assert asyncio.run(current_revision(url)) == script.get_current_head()
        command.downgrade(alembic_config(folder, url), "base")
        assert asyncio.run(current_revision(url)) is None
        upgrade_to(folder, url)
        assert asyncio.run(current_revision(url)) == script.get_current_head()
    finally:
        asyncio.run(drop_database(url))
