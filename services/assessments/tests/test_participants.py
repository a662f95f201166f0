"""Participants: create, list, search, edit, delete (P13), groups, CSV import."""

import time

import httpx
from assessments_support import Tenant, make_participant, outbox_events
from sqlalchemy import func, select

from assessments.participants.models import Participant
from chassis.database import Database
from contracts.events.assessments import PARTICIPANT_REMOVED


async def test_create_list_search_edit(client: httpx.AsyncClient, tenant: Tenant) -> None:
    mari = await make_participant(client, tenant, name="Mari Maasikas", email="Mari@Example.ee")
    assert mari["email"] == "mari@example.ee"
    assert mari["language"] == "et"
    assert len(mari["subject_ref"]) >= 16, "the pseudonym the client's pages join statistics on"
    await make_participant(
        client, tenant, name="John Smith", email="john@example.com", language="en"
    )
    duplicate = await client.post(
        "/participants", json={"name": "Mari", "email": "mari@EXAMPLE.ee"}, headers=tenant.headers()
    )
    assert duplicate.status_code == 409
    found = (await client.get("/participants?search=maasik", headers=tenant.headers())).json()
    assert [p["name"] for p in found["items"]] == ["Mari Maasikas"]
    page = (await client.get("/participants?limit=1&offset=1", headers=tenant.headers())).json()
    assert page["total"] == 2
    assert len(page["items"]) == 1
    changed = await client.patch(
        f"/participants/{mari['id']}", json={"name": "Mari Mets"}, headers=tenant.headers()
    )
    assert changed.json()["name"] == "Mari Mets"
    bad = await client.post(
        "/participants", json={"name": "X", "email": "not-an-email"}, headers=tenant.headers()
    )
    assert bad.status_code == 422


async def test_delete_is_immediate_and_announced_p13(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    mari = await make_participant(client, tenant)
    deleted = await client.delete(f"/participants/{mari['id']}", headers=tenant.headers())
    assert deleted.status_code == 204
    gone = await client.get(f"/participants/{mari['id']}", headers=tenant.headers())
    assert gone.status_code == 404
    removed = await outbox_events(database, PARTICIPANT_REMOVED, tenant_id=tenant.id)
    assert len(removed) == 1
    assert removed[0].subject_ref == removed[0].data.subject_ref


async def test_groups_and_members(client: httpx.AsyncClient, tenant: Tenant) -> None:
    mari = await make_participant(client, tenant)
    group = (await client.post("/groups", json={"name": "Müük"}, headers=tenant.headers())).json()
    again = await client.post("/groups", json={"name": "Müük"}, headers=tenant.headers())
    assert again.status_code == 409
    added = await client.post(
        f"/groups/{group['id']}/members",
        json={"participant_ids": [mari["id"]]},
        headers=tenant.headers(),
    )
    assert added.status_code == 204
    members = await client.get(f"/participants?group_id={group['id']}", headers=tenant.headers())
    assert [p["id"] for p in members.json()["items"]] == [mari["id"]]
    assert (await client.get(f"/groups/{group['id']}", headers=tenant.headers())).json()[
        "members"
    ] == 1
    removed = await client.delete(
        f"/groups/{group['id']}/members/{mari['id']}", headers=tenant.headers()
    )
    assert removed.status_code == 204


def csv_with_bad_rows(total: int, bad_every: int) -> tuple[bytes, set[int]]:
    """``total`` rows; every ``bad_every``-th is bad (alternately a bad email and a
    duplicate). Returns the file and the lines of the bad rows."""
    lines = ["name,email,group,language"]
    bad_lines = set()
    for number in range(1, total + 1):
        line = number + 1
        if number % bad_every == 0:
            bad_lines.add(line)
            if (number // bad_every) % 2:
                lines.append(f"Bad {number},person{number}-at-example.ee,,")
            else:
                lines.append(f"Twin {number},person{number - 1}@example.ee,,")
        else:
            group = f"group {number % 7}"
            lines.append(
                f"Person {number},person{number}@example.ee,{group},{'en' if number % 3 else 'et'}"
            )
    return ("\n".join(lines) + "\n").encode(), bad_lines


async def test_import_10000_rows_reports_exactly_the_50_bad_ones(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    content, bad_lines = csv_with_bad_rows(10_000, 200)
    assert len(bad_lines) == 50
    started = time.perf_counter()
    response = await client.post(
        "/participants/import",
        files={"file": ("people.csv", content, "text/csv")},
        headers=tenant.headers(),
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    report = response.json()
    assert {row["line"] for row in report["refused"]} == bad_lines
    reasons = {row["reason"].split(":")[0] for row in report["refused"]}
    assert reasons == {"bad email", "duplicate"}
    assert report["created"] == 9_950
    assert report["rows"] == 10_000
    async with database.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Participant).where(Participant.tenant_id == tenant.id)
        )
    assert count == 9_950
    print(f"imported 10,000 rows in {elapsed:.2f} s")

    again = (
        await client.post(
            "/participants/import",
            files={"file": ("people.csv", content, "text/csv")},
            headers=tenant.headers(),
        )
    ).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 9_950)
    groups = (await client.get("/groups", headers=tenant.headers())).json()
    assert groups["total"] == 7
    assert sum(group["members"] for group in groups["items"]) == 9_950


async def test_import_refuses_files_it_cannot_read(
    client: httpx.AsyncClient, tenant: Tenant
) -> None:
    for content, expected in (
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"nimi,email\nMari,mari@example.ee\n", "name"),
        (b"", "empty"),
    ):
        response = await client.post(
            "/participants/import",
            files={"file": ("people.csv", content, "text/csv")},
            headers=tenant.headers(),
        )
        assert response.status_code == 422
        assert expected in response.json()["detail"]
