"""Databases and Alembic migrations, per service.

Each service keeps its migrations in ``services/<name>/alembic``; its ``env.py`` calls
:func:`run_migrations` with its metadata.
"""

import asyncio
from pathlib import Path

import asyncpg
from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from chassis.messaging.tables import messaging_metadata


def run_migrations(metadata: MetaData, default_url: str) -> None:
    """The body of a service's ``alembic/env.py`` (online mode, async engine).

    The service's own tables are ``metadata``; every service also holds the messaging tables.
    """
    url = context.config.get_main_option("sqlalchemy.url") or default_url

    def migrate(connection: Connection) -> None:
        context.configure(
            connection=connection, target_metadata=[metadata, messaging_metadata], compare_type=True
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                await connection.run_sync(migrate)
                await connection.commit()
        finally:
            await engine.dispose()

    asyncio.run(run())


def alembic_config(service_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(service_dir / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(service_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(service_dir, database_url), revision)


def _server_dsn(database_url: str) -> tuple[str, str]:
    """(a DSN of the server's ``postgres`` database for asyncpg, the target database name)."""
    url = make_url(database_url)
    name = url.database
    if not name:
        raise ValueError("the database URL names no database")
    server = url.set(drivername="postgresql", database="postgres")
    return server.render_as_string(hide_password=False), name


async def create_database_if_missing(database_url: str) -> bool:
    """Creates the database the URL names; ``True`` if it was missing."""
    dsn, name = _server_dsn(database_url)
    connection = await asyncpg.connect(dsn)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        await connection.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await connection.close()


async def drop_database(database_url: str) -> None:
    dsn, name = _server_dsn(database_url)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
