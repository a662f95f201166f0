"""``POST /participants/import?keep_existing=true``: the people already participants are left
as they are (the Slack import renames no one), the others are created."""

import httpx
from assessments_support import Tenant, make_participant


async def _import(
    client: httpx.AsyncClient, tenant: Tenant, content: bytes, *, keep_existing: bool
) -> dict[str, object]:
    response = await client.post(
        "/participants/import",
        params={"keep_existing": str(keep_existing).lower()},
        files={"file": ("people.csv", content, "text/csv")},
        headers=tenant.headers(),
    )
    assert response.status_code == 200, response.text
    report: dict[str, object] = response.json()
    return report


async def test_existing_participants_are_left_as_they_are(
    client: httpx.AsyncClient, tenant: Tenant
) -> None:
    await make_participant(
        client, tenant, name="Mari Mets", email="mari.maasikas@example.ee", language="en"
    )
    content = (
        b"name,email,language,group\n"
        b"Mari Maasikas,Mari.Maasikas@example.ee,et,Slack\n"
        b"Jaan Tamm,jaan.tamm@example.ee,et,Slack\n"
        b"Bad,not-an-email,et,\n"
    )
    report = await _import(client, tenant, content, keep_existing=True)
    assert report["rows"] == 3
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 0, 1)
    assert [row["line"] for row in report["refused"]] == [4]  # type: ignore[attr-defined]

    listed = (await client.get("/participants", headers=tenant.headers())).json()["items"]
    by_email = {p["email"]: p for p in listed}
    assert by_email["mari.maasikas@example.ee"]["name"] == "Mari Mets"
    assert by_email["mari.maasikas@example.ee"]["language"] == "en"
    assert by_email["jaan.tamm@example.ee"]["name"] == "Jaan Tamm"
    groups = (await client.get("/groups", headers=tenant.headers())).json()
    [slack] = groups["items"]
    members = (
        await client.get(
            "/participants", params={"group_id": slack["id"]}, headers=tenant.headers()
        )
    ).json()["items"]
    assert [p["email"] for p in members] == ["jaan.tamm@example.ee"]  # Mari's groups untouched

    again = await _import(client, tenant, content, keep_existing=True)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)

    renamed = await _import(client, tenant, content, keep_existing=False)
    assert (renamed["created"], renamed["updated"], renamed["unchanged"]) == (0, 1, 1)
    listed = (await client.get("/participants", headers=tenant.headers())).json()["items"]
    assert {p["name"] for p in listed} == {"Mari Maasikas", "Jaan Tamm"}
