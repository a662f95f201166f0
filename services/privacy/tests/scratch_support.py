"""A privacy database of a test's own behind the privacy app: migrated once per module, copied
per test where a test needs exact counts."""

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from itertools import count
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.settings import async_database_url
from chassis.testing.auth import TestTokens
from privacy.main import create_app
from privacy.settings import Settings
from soket_cli.layout import service_dir
from soket_cli.pytest_infrastructure import TestInfrastructure

from .conftest import FixedClock

_copies = count()


@dataclass
class Scratch:
    """The privacy app over a database of its own, read as a privacy officer."""

    app: FastAPI
    database: Database
    client: httpx.AsyncClient
    tokens: TestTokens
    clock: FixedClock
    settings: Settings

    @property
    def officer(self) -> dict[str, str]:
        return self.tokens.headers(tenant_id=None, roles=frozenset({Role.PRIVACY_OFFICER}))

    async def listed(self, path: str) -> dict[str, Any]:
        response = await self.client.get(path, headers=self.officer)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def refused(self, path: str) -> str:
        response = await self.client.get(path, headers=self.officer)
        assert response.status_code == 422, (path, response.status_code, response.text)
        return response.text

    async def dashboard(self) -> dict[str, Any]:
        return await self.listed("/dashboard")


@asynccontextmanager
async def migrated_database(infrastructure: TestInfrastructure, label: str) -> AsyncIterator[str]:
    """The URL of a freshly migrated privacy database named after ``label``, dropped after."""
    name = f"{infrastructure.database_prefix}privacy_{label}_{os.getpid()}"
    url = async_database_url(infrastructure.postgres_url, name)
    await drop_database(url)
    await create_database_if_missing(url)
    try:
        await asyncio.to_thread(upgrade, service_dir("privacy"), url)
        yield url
    finally:
        await drop_database(url)


@asynccontextmanager
async def copied_database(infrastructure: TestInfrastructure, template: str) -> AsyncIterator[str]:
    """The URL of a copy of the database at ``template`` (faster than migrating), dropped after."""
    template_name = make_url(template).database
    name = f"{template_name}_{next(_copies)}"
    server = make_url(infrastructure.postgres_url).set(drivername="postgresql", database="postgres")
    connection = await asyncpg.connect(server.render_as_string(hide_password=False))
    try:
        await connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    finally:
        await connection.close()
    url = async_database_url(infrastructure.postgres_url, name)
    try:
        yield url
    finally:
        await drop_database(url)


@asynccontextmanager
async def served(url: str, clock: FixedClock) -> AsyncIterator[Scratch]:
    """The privacy app on the database at ``url``, its clock ``clock``, with test tokens."""
    settings = Settings(database_url=url)
    app = create_app(settings)
    app.state.clock = clock
    database = Database(url, pool_size=2)
    try:
        async with app.router.lifespan_context(app):
            tokens = TestTokens.install(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://privacy") as client:
                yield Scratch(app, database, client, tokens, clock, settings)
    finally:
        await database.dispose()
