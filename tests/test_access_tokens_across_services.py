"""A token accounts issues is accepted by another service, which fetched accounts' JWKS over
HTTP; a token from any other key is not."""

import secrets
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from accounts.main import create_app as create_accounts_app
from accounts.testing import logged_in, settings_for_tests, signed_up
from analytics.main import create_app as create_analytics_app
from analytics.settings import Settings as AnalyticsSettings
from chassis.database import Database
from chassis.settings import AuthOptions
from chassis.testing.auth import TestTokens
from chassis.testing.serving import serving
from soket_cli.pytest_infrastructure import TestInfrastructure

PROTECTED_ROUTE = "/statistics/trend"


@pytest.fixture
async def accounts_url(infrastructure: TestInfrastructure) -> AsyncIterator[str]:
    """The accounts API served over real HTTP, as other services reach it."""
    async with serving(create_accounts_app(settings_for_tests())) as url:
        yield url


async def test_a_token_from_accounts_opens_another_services_protected_route(
    accounts_url: str,
) -> None:
    database = Database(settings_for_tests().database_url, pool_size=1)
    email = f"rep-{secrets.token_hex(5)}@example.ee"
    async with httpx.AsyncClient(base_url=accounts_url) as accounts:
        await signed_up(accounts, database, email=email)
        headers = await logged_in(accounts, email=email)
    await database.dispose()

    analytics_settings = AnalyticsSettings(
        auth=AuthOptions(jwks_url=f"{accounts_url}/.well-known/jwks.json")
    )
    analytics_app = create_analytics_app(analytics_settings)
    async with (
        LifespanManager(analytics_app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=analytics_app), base_url="http://analytics"
        ) as analytics,
    ):
        accepted = await analytics.get(PROTECTED_ROUTE, headers=headers)
        assert accepted.status_code == 200, accepted.text

        stranger = TestTokens().headers(tenant_id=None)
        refused = await analytics.get(PROTECTED_ROUTE, headers=stranger)
        assert refused.status_code == 401
        assert (await analytics.get(PROTECTED_ROUTE)).status_code == 401
