from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from fastapi import FastAPI

from chassis.auth.signing import Jwk, SigningKey, jwks_document
from chassis.testing.serving import serving


@dataclass
class JwksServer:
    """A real HTTP server publishing a JWKS the test changes as it goes."""

    url: str = ""
    keys: list[SigningKey] = field(default_factory=list)
    requests: int = 0


@pytest.fixture
async def jwks_server() -> AsyncIterator[JwksServer]:
    served = JwksServer()
    app = FastAPI()

    @app.get("/.well-known/jwks.json")
    def jwks() -> dict[str, list[Jwk]]:
        served.requests += 1
        return jwks_document(key.public_jwk() for key in served.keys)

    async with serving(app) as url:
        served.url = f"{url}/.well-known/jwks.json"
        yield served
