"""Retention that runs itself, end to end on every service (issue 9, "Prove it"; P17, Q8,
P14): rows are put one second either side of each policy's cutoff, straight in each service's
database; a dry run predicts what each policy would touch; the scheduler's runs then remove
exactly the rows older than the cutoff in every service, leave alone a person under a legal
hold and a client under a legal hold, and every service's receipt verifies with the key it
published. The dry run predicted the same counts the runs reported."""

import secrets
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chassis.privacy.receipts import verify_receipt
from contracts.events.receipt import Receipt
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import (
    DATA_SERVICES,
    ClientAdmin,
    Person,
    PrivacyOfficer,
    RunningSystem,
    eventually,
    module_system,
)

INTERVAL_SECONDS = 15
"""The policies' run interval here (a day in production): runs repeat while the test waits,
harmlessly, since a day's cutoff stays the same and nothing older is left to remove."""

SECOND = timedelta(seconds=1)


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(
        infrastructure,
        tmp_path_factory,
        name="ret",
        environment={"PRIVACY_RETENTION__RUN_INTERVAL_SECONDS": str(INTERVAL_SECONDS)},
    )


def tag() -> str:
    return secrets.token_hex(3)


async def seeded(admin: ClientAdmin, names: list[str], title: str) -> list[Person]:
    people = [
        await admin.add_participant(name=f"Osaleja {name}", email=f"{name}.{tag()}@example.ee")
        for name in names
    ]
    await admin.quiz_answered(
        [(person, f"vaba tekst {person.name}") for person in people], title=title
    )
    return people


async def count(system: RunningSystem, service: str, query: str, *args: object) -> int:
    [row] = await system.fetch(service, query, *args)
    return int(row["n"])


def cutoffs(policies: list[dict[str, Any]], now: datetime) -> dict[str, datetime]:
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return {p["category"]: midnight - timedelta(days=p["period_days"]) for p in policies}


def nonzero(rows: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    kept = {s: {t: n for t, n in tables.items() if n} for s, tables in rows.items()}
    return {service: tables for service, tables in kept.items() if tables}


async def test_retention_runs_remove_exactly_what_is_past_the_cutoff_p17_q8_p14(
    system: RunningSystem,
) -> None:
    officer: PrivacyOfficer = await system.privacy_officer(email=f"dpo.{tag()}@example.ee")
    client = await system.sign_up_client(email=f"admin.{tag()}@example.ee")
    held_client = await system.sign_up_client(email=f"held.{tag()}@example.ee")
    held, old, new = await seeded(client, ["held", "old", "new"], title=f"Retention {tag()}")
    [other] = await seeded(held_client, ["other"], title=f"Held client {tag()}")
    ref = {
        name: system.subject_ref(tenant_id=admin.tenant_id, email=person.email)
        for name, person, admin in [
            ("held", held, client),
            ("old", old, client),
            ("new", new, client),
            ("other", other, held_client),
        ]
    }

    async def analytics_caught_up() -> bool:
        rows = await system.fetch(
            "analytics",
            "SELECT DISTINCT subject_ref FROM participant_stats WHERE subject_ref = ANY($1)",
            list(ref.values()),
        )
        return len(rows) == len(ref)

    async def delivery_done() -> bool:
        busy = await count(
            system,
            "delivery",
            "SELECT count(*) AS n FROM message WHERE state IN ('queued', 'sending')",
        )
        return busy == 0

    await eventually(analytics_caught_up, within=120, what="analytics holding everyone")
    await eventually(delivery_done, within=120, what="delivery sending everything")

    # The quizzes ended: nothing is sent again once their old dispatches are gone.
    await system.fetch(
        "assessments",
        "UPDATE assessment SET closes_at = now() - interval '1 minute' WHERE tenant_id = ANY($1)",
        [client.tenant_id, held_client.tenant_id],
    )
    # The runs that matter start only once the rows are in place and the dry run has counted.
    system.stop_process("privacy", "scheduler")
    await officer.call(
        "POST",
        "privacy",
        "/holds",
        json={
            "tenant_id": str(client.tenant_id),
            "email": held.email,
            "reason": "Claim 2-26-4410 at Harju County Court",
            "owner": "Mari Maasikas",
        },
        expect=201,
    )
    await officer.call(
        "POST",
        "privacy",
        "/holds",
        json={"tenant_id": str(held_client.tenant_id), "reason": "Audit", "owner": "Jaan Tamm"},
        expect=201,
    )
    policies = (await officer.call("GET", "privacy", "/retention/policies", expect=200)).json()
    cut = cutoffs(policies, datetime.now(UTC))
    past = ["held", "old", "other"]  # past the cutoff; only "old" is free to go

    # accounts: the client's refresh tokens, one before the cutoff, the rest after it.
    tokens = await system.fetch(
        "accounts",
        "SELECT id, tenant_id FROM refresh_token WHERE tenant_id = ANY($1) ORDER BY id",
        [client.tenant_id, held_client.tenant_id],
    )
    refresh = cut["refresh_tokens"]
    mine = [row["id"] for row in tokens if row["tenant_id"] == client.tenant_id]
    theirs = [row["id"] for row in tokens if row["tenant_id"] == held_client.tenant_id]
    await system.fetch(
        "accounts",
        "UPDATE refresh_token SET created_at = $1 WHERE id = ANY($2)",
        refresh + SECOND,
        mine,
    )
    await system.fetch(
        "accounts",
        "UPDATE refresh_token SET created_at = $1 WHERE id = ANY($2)",
        refresh - SECOND,
        [mine[0], *theirs],
    )

    # assessments: answers and tokens by person; dispatches: "new" past the cutoff, "old" not.
    async def by_person(table: str, column: str, moment: datetime, names: list[str]) -> None:
        await system.fetch(
            "assessments",
            f"UPDATE {table} SET {column} = $1 WHERE participant_id = ANY($2)",
            moment,
            [person.id for name, person in people.items() if name in names],
        )

    people = {"held": held, "old": old, "new": new, "other": other}
    await by_person("answer", "answered_at", cut["answers"] - SECOND, past)
    await by_person("answer", "answered_at", cut["answers"] + SECOND, ["new"])
    await by_person("dispatch", "created_at", cut["dispatches"] - SECOND, ["held", "new", "other"])
    await by_person("dispatch", "created_at", cut["dispatches"] + SECOND, ["old"])
    for name in people:
        moment = cut["answer_tokens"] + (-SECOND if name in past else SECOND)
        await system.fetch(
            "assessments",
            "UPDATE answer_token SET expires_at = $1 WHERE dispatch_id IN "
            "(SELECT id FROM dispatch WHERE participant_id = $2)",
            moment,
            people[name].id,
        )

    # delivery: every message after the cutoff, but those to the people past it.
    log = cut["delivery_log"]
    await system.fetch("delivery", "UPDATE message SET created_at = $1", log + SECOND)
    await system.fetch(
        "delivery",
        "UPDATE message SET created_at = $1 WHERE subject_ref = ANY($2)",
        log - SECOND,
        [ref[name] for name in past],
    )

    # analytics: every per-person row, by person.
    stats = cut["per_person_statistics"]
    for name, reference in ref.items():
        moment = stats + (-SECOND if name in past else SECOND)
        for table, column in [
            ("answer_fact", "answered_at"),
            ("participant_stats", "last_answered_at"),
        ]:
            await system.fetch(
                "analytics",
                f"UPDATE {table} SET {column} = $1 WHERE subject_ref = $2",
                moment,
                reference,
            )
        for table, column in [("dispatch_fact", "dispatched_on"), ("trend_respondent", "day")]:
            await system.fetch(
                "analytics",
                f"UPDATE {table} SET {column} = $1 WHERE subject_ref = $2",
                moment.date(),
                reference,
            )

    async def of_old(service: str, table: str) -> int:
        return await count(
            system, service, f"SELECT count(*) AS n FROM {table} WHERE subject_ref = $1", ref["old"]
        )

    expected = {
        "refresh_tokens": {"accounts": {"refresh_token": 1}},
        "answers": {"assessments": {"answer": 2}},
        "answer_tokens": {"assessments": {"answer_token": 1}},
        "dispatches": {"assessments": {"dispatch": 1, "answer_token": 1}},
        "delivery_log": {"delivery": {"message": await of_old("delivery", "message")}},
        "per_person_statistics": {
            "analytics": {
                table: await of_old("analytics", table)
                for table in (
                    "answer_fact",
                    "participant_stats",
                    "dispatch_fact",
                    "trend_respondent",
                )
            }
        },
        "slack_member_directory": {},
    }
    expected = {category: nonzero(rows) for category, rows in expected.items()}
    assert expected["delivery_log"]["delivery"]["message"] >= 1
    assert expected["per_person_statistics"]["analytics"]["answer_fact"] == 2
    assert expected["per_person_statistics"]["analytics"]["participant_stats"] == 1
    before = await state(system, ref, people, client.tenant_id, held_client.tenant_id)

    # P17: the dry run counts, touching nothing.
    started = await officer.call("POST", "privacy", "/retention/dry-runs", expect=202)
    batch = started.json()["batch_id"]

    async def counted() -> dict[str, Any] | None:
        report = await officer.call("GET", "privacy", f"/retention/dry-runs/{batch}", expect=200)
        return report.json() if report.json()["complete"] else None

    report = await eventually(counted, within=120, what="every service counting")
    predicted = {policy["category"]: nonzero(policy["rows"]) for policy in report["policies"]}
    assert predicted == expected
    assert await state(system, ref, people, client.tenant_id, held_client.tenant_id) == before

    # The scheduler starts each policy's run; the first ones after the restart do the work.
    restarted = datetime.now(UTC)
    system.start_process("privacy", "scheduler")

    async def first_runs() -> dict[str, dict[str, Any]] | None:
        page = await officer.call(
            "GET", "privacy", "/retention/runs?dry_run=false&page_size=200", expect=200
        )
        runs: dict[str, dict[str, Any]] = {}
        for run in sorted(page.json()["items"], key=lambda run: run["started_at"]):
            if datetime.fromisoformat(run["started_at"]) >= restarted:
                runs.setdefault(run["category"], run)
        if len(runs) < len(expected) or any(run["completed_at"] is None for run in runs.values()):
            return None
        return runs

    runs = await eventually(first_runs, within=180, what="the scheduled runs answered")
    keys = {
        (row["service"], row["key_id"]): row["public_key"]
        for row in await system.fetch("privacy", "SELECT * FROM service_key")
    }
    applied: dict[str, dict[str, dict[str, int]]] = {}
    for category, run in runs.items():
        assert run["cutoff"] == cut[category].isoformat().replace("+00:00", "Z")
        assert str(held_client.tenant_id) in run["excluded_tenant_ids"]
        assert run["held_people"] >= 1
        detail = (
            await officer.call("GET", "privacy", f"/retention/runs/{run['id']}", expect=200)
        ).json()
        assert sorted(result["service"] for result in detail["results"]) == sorted(DATA_SERVICES)
        for result in detail["results"]:
            assert result["receipt_verified"], result
            receipt = Receipt.model_validate(result["receipt"])
            assert verify_receipt(receipt, keys[(receipt.service, receipt.key_id)])
            assert receipt.request_id == UUID(run["id"])
            touched = {**receipt.rows_deleted}
            for table, n in receipt.rows_anonymised.items():
                touched[table] = touched.get(table, 0) + n
            assert nonzero({"x": touched}).get("x", {}) == nonzero(
                {"x": result["rows_affected"]}
            ).get("x", {})
        applied[category] = nonzero({r["service"]: r["rows_affected"] for r in detail["results"]})
    assert applied == expected == predicted
    print(f"retention e2e: predicted and applied {applied}")

    after = await state(system, ref, people, client.tenant_id, held_client.tenant_id)
    assert after == {
        **before,
        "refresh_token client": before["refresh_token client"] - 1,
        "answer old personal": 0,
        "answer anonymous": before["answer anonymous"] + 1,  # the choice stayed, free text went
        "answer_token old": 0,
        "answer_token new": 0,  # with its dispatch
        "dispatch new": 0,
        "message old": 0,
        "answer_fact old": 0,
        "participant_stats old": 0,
        "dispatch_fact old": 0,
        "trend_respondent old": 0,
    }


async def state(
    system: RunningSystem,
    ref: dict[str, str],
    people: dict[str, Person],
    tenant: UUID,
    held_tenant: UUID,
) -> dict[str, int]:
    """Row counts, per person, of every table retention touches."""
    found: dict[str, int] = {
        "refresh_token client": await count(
            system,
            "accounts",
            "SELECT count(*) AS n FROM refresh_token WHERE tenant_id = $1",
            tenant,
        ),
        "refresh_token held client": await count(
            system,
            "accounts",
            "SELECT count(*) AS n FROM refresh_token WHERE tenant_id = $1",
            held_tenant,
        ),
    }
    found["answer anonymous"] = await count(
        system,
        "assessments",
        "SELECT count(*) AS n FROM answer WHERE tenant_id = $1 AND subject_ref IS NULL",
        tenant,
    )
    for name, person in people.items():
        found[f"answer {name} personal"] = await count(
            system,
            "assessments",
            "SELECT count(*) AS n FROM answer WHERE subject_ref = $1",
            ref[name],
        )
        found[f"answer_token {name}"] = await count(
            system,
            "assessments",
            "SELECT count(*) AS n FROM answer_token t JOIN dispatch d ON d.id = t.dispatch_id "
            "WHERE d.participant_id = $1",
            person.id,
        )
        found[f"dispatch {name}"] = await count(
            system,
            "assessments",
            "SELECT count(*) AS n FROM dispatch WHERE participant_id = $1",
            person.id,
        )
        found[f"message {name}"] = await count(
            system,
            "delivery",
            "SELECT count(*) AS n FROM message WHERE subject_ref = $1",
            ref[name],
        )
        for table in ("answer_fact", "participant_stats", "dispatch_fact", "trend_respondent"):
            found[f"{table} {name}"] = await count(
                system,
                "analytics",
                f"SELECT count(*) AS n FROM {table} WHERE subject_ref = $1",
                ref[name],
            )
    return found
