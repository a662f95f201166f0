"""A hot statement joins the session's unit of work: its transaction, or its autocommit."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import bindparam, column, func, literal, select, table, text

from chassis.database import Database
from chassis.hot_statements import HotStatement
from chassis.settings import service_database_url
from soket_cli.pytest_infrastructure import TestInfrastructure

_SCRATCH = table("hot_statement_scratch", column("note"))
_INSERT = HotStatement(
    text("INSERT INTO hot_statement_scratch (note) VALUES (:note) RETURNING note")
)
_COUNT = HotStatement(
    select(func.count()).select_from(_SCRATCH).where(_SCRATCH.c.note == bindparam("note"))
)


@pytest.fixture
async def database(infrastructure: TestInfrastructure) -> AsyncIterator[Database]:
    database = Database(service_database_url("accounts"), pool_size=2)
    async with database.sessions() as session, session.begin():
        await session.execute(
            text("CREATE TABLE IF NOT EXISTS hot_statement_scratch (note text NOT NULL)")
        )
    try:
        yield database
    finally:
        async with database.sessions() as session, session.begin():
            await session.execute(text("DROP TABLE hot_statement_scratch"))
        await database.dispose()


async def count(database: Database, note: str) -> int:
    async with database.sessions() as session:
        found = await _COUNT.fetchval(session, {"note": note})
    assert isinstance(found, int)
    return found


async def test_a_hot_statement_first_in_a_transaction_is_rolled_back_with_it(
    database: Database,
) -> None:
    async with database.sessions() as session, session.begin():
        [row] = await _INSERT.fetch(session, {"note": "rolled back"})
        assert row["note"] == "rolled back"
        await session.rollback()
    assert await count(database, "rolled back") == 0


async def test_a_hot_statement_commits_with_the_session(database: Database) -> None:
    async with database.sessions() as session, session.begin():
        await _INSERT.fetch(session, {"note": "kept"})
        await session.execute(text("SELECT 1"))
    assert await count(database, "kept") == 1


async def test_in_autocommit_a_hot_statement_stands_alone(database: Database) -> None:
    async with database.sessions() as session:
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        await _INSERT.fetch(session, {"note": "alone"})
    assert await count(database, "alone") == 1


def test_literal_values_compiled_into_parameters_keep_their_defaults() -> None:
    statement = HotStatement(select(literal(7).label("seven"), bindparam("given")))
    assert statement._arguments({"given": 1}) == [7, 1]
