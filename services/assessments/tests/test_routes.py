"""Every route: tenant isolation, authentication and roles, and bad input answered with a
clear 4xx (routes enumerated from ``app.routes``)."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from assessments_support import Tenant, make_participant, make_question
from fastapi import FastAPI
from fastapi.routing import APIRoute

from chassis.auth.principal import Role

OPERATIONS = {"/healthz", "/readyz", "/metrics"}


def client_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every client API route; the answer page is tested on its own."""
    routes: list[Any] = []
    for route in app.routes:
        routes.extend(
            getattr(route, "original_router", None).routes
            if hasattr(route, "original_router")
            else [route]
        )  # type: ignore[union-attr]
    found = set()
    for route in routes:
        if (
            not isinstance(route, APIRoute)
            or route.path in OPERATIONS
            or route.path.startswith("/a/")
        ):
            continue
        for method in route.methods:
            found.add((method, route.path))
    return found


EXPECTED = {
    ("GET", "/participants"),
    ("POST", "/participants"),
    ("POST", "/participants/import"),
    ("GET", "/participants/{participant_id}"),
    ("PATCH", "/participants/{participant_id}"),
    ("DELETE", "/participants/{participant_id}"),
    ("GET", "/groups"),
    ("POST", "/groups"),
    ("GET", "/groups/{group_id}"),
    ("PUT", "/groups/{group_id}"),
    ("DELETE", "/groups/{group_id}"),
    ("POST", "/groups/{group_id}/members"),
    ("DELETE", "/groups/{group_id}/members/{participant_id}"),
    ("GET", "/questions"),
    ("POST", "/questions"),
    ("GET", "/questions/{question_id}"),
    ("PUT", "/questions/{question_id}"),
    ("DELETE", "/questions/{question_id}"),
    ("GET", "/assessments"),
    ("POST", "/assessments"),
    ("GET", "/assessments/{assessment_id}"),
    ("PUT", "/assessments/{assessment_id}"),
    ("DELETE", "/assessments/{assessment_id}"),
    ("DELETE", "/assessments/{assessment_id}/answers"),
    ("POST", "/assessments/{assessment_id}/publish"),
    ("GET", "/assessments/{assessment_id}/results"),
}

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_route_is_covered_here(app: FastAPI) -> None:
    assert client_routes(app) == EXPECTED


def quiz_body(question_id: str, participant_id: str) -> dict[str, Any]:
    opens = datetime.now(UTC) + timedelta(days=1)
    return {
        "kind": "quiz",
        "title": "Test",
        "question_ids": [question_id],
        "participant_ids": [participant_id],
        "channels": ["email"],
        "opens_at": opens.isoformat(),
        "closes_at": (opens + timedelta(days=1)).isoformat(),
    }


async def seeded(client: httpx.AsyncClient, tenant: Tenant) -> dict[str, Any]:
    participant = await make_participant(client, tenant, email=f"{uuid.uuid4().hex[:8]}@example.ee")
    group = (await client.post("/groups", json={"name": "G"}, headers=tenant.headers())).json()
    question = await make_question(client, tenant)
    assessment = (
        await client.post(
            "/assessments",
            json=quiz_body(question["id"], participant["id"]),
            headers=tenant.headers(),
        )
    ).json()
    return {
        "participant_id": participant["id"],
        "group_id": group["id"],
        "question_id": question["id"],
        "assessment_id": assessment["id"],
        "participant": participant,
        "question": question,
    }


def requests_for(ids: dict[str, Any], own: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """A well-formed request for every route, aimed at ``ids`` (another client's rows) and
    carrying ``own`` rows where a body refers to rows."""
    question = own["question"]
    return {
        ("GET", "/participants"): {},
        ("POST", "/participants"): {"json": {"name": "X", "email": ids["participant"]["email"]}},
        ("POST", "/participants/import"): {
            "files": {
                "file": ("p.csv", f"name,email\nX,{ids['participant']['email']}\n", "text/csv")
            }
        },
        ("GET", "/participants/{participant_id}"): {},
        ("PATCH", "/participants/{participant_id}"): {"json": {"name": "Y"}},
        ("DELETE", "/participants/{participant_id}"): {},
        ("GET", "/groups"): {},
        ("POST", "/groups"): {"json": {"name": "H"}},
        ("GET", "/groups/{group_id}"): {},
        ("PUT", "/groups/{group_id}"): {"json": {"name": "K"}},
        ("DELETE", "/groups/{group_id}"): {},
        ("POST", "/groups/{group_id}/members"): {
            "json": {"participant_ids": [own["participant_id"]]}
        },
        ("DELETE", "/groups/{group_id}/members/{participant_id}"): {},
        ("GET", "/questions"): {},
        ("POST", "/questions"): {"json": {"kind": "free_text", "text": "Q?"}},
        ("GET", "/questions/{question_id}"): {},
        ("PUT", "/questions/{question_id}"): {
            "json": {
                "kind": "single_choice",
                "text": "Z?",
                "options": [{"label": o["label"]} for o in question["options"]],
            }
        },
        ("DELETE", "/questions/{question_id}"): {},
        ("GET", "/assessments"): {},
        ("POST", "/assessments"): {"json": quiz_body(own["question_id"], own["participant_id"])},
        ("GET", "/assessments/{assessment_id}"): {},
        ("PUT", "/assessments/{assessment_id}"): {
            "json": quiz_body(own["question_id"], own["participant_id"])
        },
        ("DELETE", "/assessments/{assessment_id}"): {},
        ("DELETE", "/assessments/{assessment_id}/answers"): {},
        ("POST", "/assessments/{assessment_id}/publish"): {},
        ("GET", "/assessments/{assessment_id}/results"): {},
    }


async def test_tenant_isolation_on_every_route(
    client: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await seeded(client, tenant)
    mine = await seeded(client, other_tenant)
    requests = requests_for(theirs, mine)
    assert set(requests) == EXPECTED
    for (method, path), options in requests.items():
        url = path.format(**theirs)
        response = await client.request(method, url, headers=other_tenant.headers(), **options)
        if "{" in path:
            assert response.status_code == 404, (method, path, response.text)
        else:
            assert response.status_code < 300, (method, path, response.text)
    # Lists show only the caller's rows, and the other client's rows are untouched.
    for resource, key in (
        ("participants", "participant_id"),
        ("groups", "group_id"),
        ("questions", "question_id"),
        ("assessments", "assessment_id"),
    ):
        listed = (await client.get(f"/{resource}?limit=500", headers=other_tenant.headers())).json()
        assert theirs[key] not in {item["id"] for item in listed["items"]}, resource
        kept = await client.get(f"/{resource}/{theirs[key]}", headers=tenant.headers())
        assert kept.status_code == 200, resource
    kept = (
        await client.get(f"/participants/{theirs['participant_id']}", headers=tenant.headers())
    ).json()
    assert kept["name"] == theirs["participant"]["name"]


async def test_authentication_and_roles_on_every_route(
    client: httpx.AsyncClient, tenant: Tenant, tokens: Any
) -> None:
    ids = await seeded(client, tenant)
    requests = requests_for(ids, ids)
    for (method, path), options in requests.items():
        url = path.format(**ids)
        assert (await client.request(method, url, **options)).status_code == 401, (method, path)
        staff = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})
        assert (await client.request(method, url, headers=staff, **options)).status_code == 403
        viewer = await client.request(method, url, headers=tenant.headers(Role.VIEWER), **options)
        if method in WRITES:
            assert viewer.status_code == 403, (method, path)
        else:
            assert viewer.status_code == 200, (method, path, viewer.text)
    editor_delete = await client.delete(
        f"/assessments/{ids['assessment_id']}", headers=tenant.headers(Role.EDITOR)
    )
    assert editor_delete.status_code == 403  # deleting an assessment and its answers: admins


async def test_bad_input_on_every_route_is_a_clear_4xx(
    client: httpx.AsyncClient, tenant: Tenant
) -> None:
    ids = await seeded(client, tenant)
    junk_ids = dict.fromkeys(
        ("participant_id", "group_id", "question_id", "assessment_id"), "not-a-uuid"
    )
    missing_ids = {key: str(uuid.uuid4()) for key in junk_ids}
    for method, path in sorted(EXPECTED):
        attempts: list[dict[str, Any]] = []
        if "{" in path:
            attempts.append({"url": path.format(**junk_ids)})
            attempts.append(
                {
                    "url": path.format(**missing_ids),
                    "json": requests_for(ids, ids)[(method, path)].get("json"),
                }
            )
        if method in ("POST", "PUT", "PATCH") and not path.endswith("/publish"):
            attempts.append({"url": path.format(**ids), "json": {"unexpected": ["field"]}})
            attempts.append(
                {
                    "url": path.format(**ids),
                    "content": b"{not json",
                    "headers": {"content-type": "application/json"},
                }
            )
        if method == "GET" and "{" not in path:
            attempts.append({"url": path + "?limit=0"})
            attempts.append({"url": path + "?offset=-1"})
        assert attempts, (method, path)
        for attempt in attempts:
            url = attempt.pop("url")
            headers = {**tenant.headers(), **attempt.pop("headers", {})}
            if attempt.get("json") is None:
                attempt.pop("json", None)
            response = await client.request(method, url, headers=headers, **attempt)
            assert 400 <= response.status_code < 500, (
                method,
                url,
                response.status_code,
                response.text,
            )
            assert response.json()["detail"], (method, url)
