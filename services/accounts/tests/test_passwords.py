"""P9: passwords are salted and hashed with bcrypt (cost ≥ 12), off the event loop, bounded."""

import asyncio
import threading
import time

import bcrypt
import httpx
import pytest
from asgi_lifespan import LifespanManager
from pydantic import ValidationError
from sqlalchemy import select

from accounts.main import create_app
from accounts.passwords.hashing import PasswordHasher
from accounts.settings import Settings
from accounts.testing import PASSWORD, client_for, settings_for_tests
from accounts.users.models import User
from chassis.database import Database

SEVENTY_THREE_BYTES = "äöüõ" * 9 + "x"  # 36 two-byte letters and one more byte


async def test_p9_the_stored_hash_is_bcrypt_with_cost_12(database: Database, email: str) -> None:
    """P9: the real cost (12, the default) is what signup stores, salted."""
    app = create_app(settings_for_tests(bcrypt_cost=12))
    async with LifespanManager(app), client_for(app) as api:
        body = {"organisation_name": "Kallis OÜ", "email": email, "password": PASSWORD}
        assert (await api.post("/signup", json=body)).status_code == 201
    async with database.sessions() as session:
        stored = await session.scalar(select(User.password_hash).where(User.email == email))
    assert stored is not None
    assert stored.startswith("$2b$12$")
    assert bcrypt.checkpw(PASSWORD.encode(), stored.encode())
    assert PASSWORD not in stored


def test_p9_settings_refuse_a_cost_below_12_outside_tests() -> None:
    with pytest.raises(ValidationError, match="at least 12"):
        Settings(environment="production", bcrypt_cost=11)
    with pytest.raises(ValidationError, match="at least 12"):
        Settings(environment="development", bcrypt_cost=4)
    assert Settings(environment="production").bcrypt_cost == 12


async def test_a_73_byte_password_is_a_422_everywhere(api: httpx.AsyncClient, email: str) -> None:
    assert len(SEVENTY_THREE_BYTES.encode()) == 73
    signup = await api.post(
        "/signup",
        json={"organisation_name": "Pikk OÜ", "email": email, "password": SEVENTY_THREE_BYTES},
    )
    assert signup.status_code == 422
    assert "72 bytes" in signup.text
    login = await api.post("/auth/login", json={"email": email, "password": SEVENTY_THREE_BYTES})
    assert login.status_code == 422
    for route, body in [
        ("/auth/password-reset/confirm", {"token": "t" * 43, "password": SEVENTY_THREE_BYTES}),
        (
            "/auth/invitations/accept",
            {"token": "t" * 43, "name": "Mari", "password": SEVENTY_THREE_BYTES},
        ),
    ]:
        assert (await api.post(route, json=body)).status_code == 422
    exactly_72 = "äöüõ" * 9
    accepted = await api.post(
        "/signup", json={"organisation_name": "Pikk OÜ", "email": email, "password": exactly_72}
    )
    assert accepted.status_code == 201


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short1!", "at least 10"), ("Password123", "common"), ("aaaaaaaaaaaa", "too few different")],
)
async def test_the_policy_answers_with_a_clear_422(
    api: httpx.AsyncClient, email: str, password: str, reason: str
) -> None:
    response = await api.post(
        "/signup", json={"organisation_name": "Nõrk OÜ", "email": email, "password": password}
    )
    assert response.status_code == 422
    assert reason in response.text


async def test_an_unknown_email_costs_a_bcrypt_check_of_the_same_cost(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[bytes] = []
    real_checkpw = bcrypt.checkpw

    def recording_checkpw(password: bytes, hashed: bytes) -> bool:
        checked.append(hashed)
        return real_checkpw(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", recording_checkpw)
    response = await api.post(
        "/auth/login", json={"email": "nobody-here@example.ee", "password": PASSWORD}
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Wrong email or password."
    [dummy] = checked
    assert dummy.startswith(b"$2b$04$")  # the configured cost of this test app


async def test_hashing_is_bounded_and_leaves_the_event_loop_free() -> None:
    hasher = PasswordHasher(cost=10, concurrency=2)
    running, most = 0, 0
    lock = threading.Lock()
    real_hashpw = bcrypt.hashpw

    def counting_hashpw(password: bytes, salt: bytes) -> bytes:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            return real_hashpw(password, salt)
        finally:
            with lock:
                running -= 1

    ticks = 0

    async def heartbeat(stop: asyncio.Event) -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    stop = asyncio.Event()
    beating = asyncio.create_task(heartbeat(stop))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bcrypt, "hashpw", counting_hashpw)
        started = time.perf_counter()
        await asyncio.gather(*(hasher.hash(f"password number {n}") for n in range(6)))
        elapsed = time.perf_counter() - started
    stop.set()
    await beating
    hasher.close()
    assert most == 2
    # The loop kept turning while hashes ran: far more ticks than hashes.
    assert ticks > 6
    assert elapsed > 0
