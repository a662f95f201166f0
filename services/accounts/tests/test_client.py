"""The client's settings (time zone, language) and the end of its contract."""

import httpx

from accounts.testing import logged_in, signed_up
from chassis.database import Database
from chassis.testing.outbox import outbox


async def test_admins_change_settings_and_the_change_is_announced(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    tenant_id, _ = await signed_up(api, database, email=email)
    admin = await logged_in(api, email=email)
    current = (await api.get("/client", headers=admin)).json()
    assert (current["time_zone"], current["language"]) == ("Europe/Tallinn", "et")

    changed = await api.patch(
        "/client/settings", json={"time_zone": "Europe/Helsinki", "language": "en"}, headers=admin
    )
    assert changed.status_code == 200
    assert (changed.json()["time_zone"], changed.json()["language"]) == ("Europe/Helsinki", "en")
    unchanged = await api.patch("/client/settings", json={"language": "en"}, headers=admin)
    assert unchanged.status_code == 200

    announced = [
        envelope.data
        for envelope in await outbox(database, "accounts.client.settings_changed.v1")
        if envelope.tenant_id == tenant_id
    ]
    assert [(event.time_zone, event.language) for event in announced] == [("Europe/Helsinki", "en")]

    for bad in ({"time_zone": "Mars/Olympus"}, {"language": "fi"}, {"colour": "blue"}):
        assert (await api.patch("/client/settings", json=bad, headers=admin)).status_code == 422


async def test_ending_the_contract_is_asked_once(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    tenant_id, admin_id = await signed_up(api, database, email=email)
    admin = await logged_in(api, email=email)
    asked = await api.post("/client/offboarding", headers=admin)
    assert asked.status_code == 202
    assert asked.json()["offboarding_requested_at"] is not None
    assert (await api.post("/client/offboarding", headers=admin)).status_code == 409
    [event] = [
        envelope.data
        for envelope in await outbox(database, "accounts.client.offboarding_requested.v1")
        if envelope.tenant_id == tenant_id
    ]
    assert event.requested_by_user_id == admin_id
