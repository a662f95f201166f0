"""Data-subject requests end to end, every service running on the real database and broker
(issue 8, "Prove it"): a participant's erasure from the public form leaves nothing and proves
it (P13, P15, Q11, Q14); an export holds that person's slice of every service and nobody
else's (P15, Q5); a restriction stops sends to the person and lifting it resumes them (Q4)."""

import io
import json
import secrets
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID, uuid4

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soket_cli.layout import repo_root
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import (
    DATA_SERVICES,
    ClientAdmin,
    Person,
    RunningSystem,
    client_request,
    decide,
    eventually,
    module_system,
    tables_holding,
    traces,
    verification_code,
    wait_for_state,
)


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="e2e")


@pytest.fixture(scope="module")
async def admin(system: RunningSystem) -> ClientAdmin:
    return await system.sign_up_client(email=f"admin.{secrets.token_hex(4)}@example.ee")


def markers(tag: str) -> dict[str, str]:
    """A person no other test has: a name, an address and a free-text answer of their own."""
    return {
        "name": f"Zorblax Quimbly {tag}",
        "email": f"zorblax.quimbly.{tag}@example.ee",
        "free_text": f"Salajane vastus {tag} kvartsliivast",
    }


async def seeded_person(
    admin: ClientAdmin, tag: str, *, title: str
) -> tuple[Person, dict[str, str]]:
    marks = markers(tag)
    person = await admin.add_participant(name=marks["name"], email=marks["email"])
    await admin.quiz_answered([(person, marks["free_text"])], title=title)
    return person, marks


async def everywhere(system: RunningSystem) -> dict[str, str | bytes]:
    """Every service's database dump and every message waiting in any queue."""
    texts: dict[str, str | bytes] = {
        f"database {service}": dump for service, dump in system.dumps().items()
    }
    for queue, bodies in (await system.queued_messages()).items():
        for number, body in enumerate(bodies):
            texts[f"queue {queue} #{number}"] = body
    return texts


def lines_with(marker: str, text: str | bytes) -> list[str]:
    haystack = text.decode(errors="replace") if isinstance(text, bytes) else text
    return [line[:300] for line in haystack.splitlines() if marker.lower() in line.lower()][:5]


def verify_bundle(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "soket_cli", "privacy", "verify-bundle", str(path)],
        cwd=repo_root(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_public_erasure_leaves_nothing_and_proves_it_p13_p15_q11_q14(
    system: RunningSystem, admin: ClientAdmin, tmp_path: Path
) -> None:
    """P13/P15: a participant asks, from the public form, to be erased; Q14: only after the
    code emailed to that address; Q11: the client (the controller of participants' data)
    decides. The saga erases in every data service, each receipt is verified, and the
    re-export finds nothing (``verified``). Then the marker name, email and free text are in
    no dump of any service's database (outbox, inbox, dead-letter tables included) and in no
    queue. The proof bundle verifies with ``./soket privacy verify-bundle`` and fails once
    one receipt byte is changed."""
    tag = secrets.token_hex(4)
    _, marks = await seeded_person(admin, tag, title=f"Kustutamine {tag}")
    await system.settle()
    # A copy waiting where failed events wait: an erasure must reach it too.
    ref = system.subject_ref(tenant_id=admin.tenant_id, email=marks["email"])
    await system.dead_letter(
        "delivery.dispatches.dlq",
        {
            "id": str(uuid4()),
            "type": "assessments.dispatch.requested.v1",
            "source": "assessments",
            "tenant_id": str(admin.tenant_id),
            "subject_ref": ref,
            "data": {"email": marks["email"], "name": marks["name"]},
        },
    )
    before = await everywhere(system)
    assert "database assessments" in traces(marks["name"], before)
    assert "database assessments" in traces(marks["free_text"], before)
    assert "queue delivery.dispatches.dlq #0" in traces(marks["email"], before)

    sent_before = len(await system.emails())
    async with system.http("privacy") as public:
        submitted = await public.post(
            "/public/requests",
            json={"email": marks["email"], "request_type": "erasure", "language": "et"},
        )
        assert submitted.status_code == 202, submitted.text
        intake_id = submitted.json()["intake_id"]
        status_token = submitted.json()["status_token"]
        code = verification_code(await system.email_to(marks["email"], after=sent_before))
        wrong = "000000" if code != "000000" else "111111"
        refused = await public.post(
            f"/public/requests/{intake_id}/verification",
            json={"code": wrong, "status_token": status_token},
        )
        assert refused.status_code == 400, refused.text  # Q14: no request without the code
        verified = await public.post(
            f"/public/requests/{intake_id}/verification",
            json={"code": code, "status_token": status_token},
        )
        assert verified.status_code == 202, verified.text

        async def opened() -> dict[str, Any] | None:
            status = await public.get(
                f"/public/requests/{intake_id}", params={"status_token": status_token}
            )
            assert status.status_code == 200, status.text
            found: dict[str, Any] = status.json()
            return found if found["state"] == "opened" and found["requests"] else None

        status = await eventually(opened, within=60, what="discovery opening the request")
    [public_request] = status["requests"]
    assert public_request["request_type"] == "erasure"

    listed = await admin.call("GET", "privacy", "/client/requests", expect=200)
    [mine] = [
        item for item in listed.json()["items"] if item["reference"] == public_request["reference"]
    ]
    assert mine["state"] == "awaiting_decision"
    assert mine["subject_kind"] == "participant"
    request_id = mine["id"]
    await decide(admin, request_id)
    detail = await wait_for_state(admin, request_id, {"verified"}, within=120)

    jobs = detail["jobs"]
    erasures = {job["service"] for job in jobs if job.get("receipt")}
    assert set(DATA_SERVICES) <= erasures, json.dumps(jobs, indent=1)

    # Nothing points to the person either: in the data services their subject_ref is left
    # only where an erasure is remembered (so that a late copy of a message about them is
    # dropped) and on the suppression and unsubscribe lists (keyed hashes). Sent outbox rows
    # go at the relays' next housekeeping.
    allowed = {"erased_subject", "unsubscription", "suppressed_address"}

    def left(texts: dict[str, str | bytes]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for kind, mark in marks.items():
            if places := traces(mark, texts):
                found[kind] = {place: lines_with(mark, texts[place]) for place in places}
        tables = {
            service: sorted(tables_holding(ref, str(texts[f"database {service}"])) - allowed)
            for service in DATA_SERVICES
        }
        if any(tables.values()):
            found["subject_ref in tables"] = tables
        queued = {place: text for place, text in texts.items() if place.startswith("queue ")}
        if places := traces(ref, queued):
            found["subject_ref in queues"] = places
        return found

    async def nothing_left() -> bool:
        return not left(await everywhere(system))

    try:
        await eventually(nothing_left, within=45, what="every trace gone")
    except AssertionError:
        found = left(await everywhere(system))
        raise AssertionError(f"traces left: {json.dumps(found, indent=1)}") from None

    bundle = await admin.call(
        "GET", "privacy", f"/client/requests/{request_id}/proof-bundle", expect=200
    )
    path = tmp_path / "bundle.json"
    path.write_bytes(bundle.content)
    checked = verify_bundle(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(one_receipt_byte_changed(bundle.content))
    refused_bundle = verify_bundle(tampered)
    assert refused_bundle.returncode != 0, refused_bundle.stdout


def one_receipt_byte_changed(bundle: bytes) -> bytes:
    """The bundle with one character of its first receipt changed: a digit of the time the
    service says it finished."""
    document = json.loads(bundle)
    receipt = document["receipts"][0]["receipt"]
    moment: str = receipt["completed_at"]
    position = max(index for index, char in enumerate(moment) if char.isdigit())
    changed = str((int(moment[position]) + 1) % 10)
    receipt["completed_at"] = moment[:position] + changed + moment[position + 1 :]
    return json.dumps(document).encode()


async def test_export_holds_every_service_slice_of_the_person_only_p15_q5(
    system: RunningSystem, admin: ClientAdmin
) -> None:
    """P15/Q5: the export is a ZIP (JSON per service, CSV, a manifest) holding the person's
    slice of every data service, downloaded from the signed link of the completed notice,
    and nothing of another participant who answered the same quiz."""
    tag, other_tag = secrets.token_hex(4), secrets.token_hex(4)
    marks, other_marks = markers(tag), markers(other_tag)
    person = await admin.add_participant(name=marks["name"], email=marks["email"])
    other = await admin.add_participant(name=other_marks["name"], email=other_marks["email"])
    await admin.quiz_answered(
        [(person, marks["free_text"]), (other, other_marks["free_text"])], title=f"Eksport {tag}"
    )
    await system.settle()

    sent_before = len(await system.emails())
    made = await client_request(admin, email=marks["email"], request_type="export")
    await wait_for_state(admin, made["id"], {"completed"}, within=120)
    notice = await system.email_to(marks["email"], containing="/exports/", after=sent_before)
    link = next(link for link in notice.links if "/exports/" in link)
    parts = urlsplit(link)
    path = parts.path[parts.path.index("/exports/") :]
    async with system.http("privacy") as privacy:
        download = await privacy.get(f"{path}?{parts.query}")
    assert download.status_code == 200, download.text[:500]
    assert download.headers["content-type"] == "application/zip"

    archive = zipfile.ZipFile(io.BytesIO(download.content))
    names = archive.namelist()
    contents = {name: archive.read(name) for name in names}
    assert any("manifest" in name for name in names), names
    for service in DATA_SERVICES:
        assert any(service in name and name.endswith(".json") for name in names), (service, names)
    assert any(name.endswith(".csv") for name in names), names
    for mark in marks.values():
        assert traces(mark, contents), f"{mark!r} not in the export: {names}"
    for mark in other_marks.values():
        assert traces(mark, contents) == [], f"another person's {mark!r} in the export"
    manifest = json.loads(next(contents[name] for name in names if "manifest" in name))
    assert set(DATA_SERVICES) <= set(json.dumps(manifest).split('"')), manifest


async def test_restriction_stops_sends_and_lifting_resumes_them_q4(
    system: RunningSystem, admin: ClientAdmin
) -> None:
    """Q4: while restricted, neither a quiz nor scheduled daily questions sent to the person
    and to a colleague reach the person (no dispatch, or one marked ``restricted``; delivery
    holds nothing for them), while the colleague gets both; once lifted, the next quiz and
    the next daily questions reach them."""
    tag = secrets.token_hex(4)
    marks = markers(tag)
    person = await admin.add_participant(name=marks["name"], email=marks["email"])
    colleague = await admin.add_participant(
        name=f"Kolleeg {tag}", email=f"kolleeg.{tag}@example.ee"
    )
    question = await admin.add_question()

    restricted = await client_request(
        admin, email=marks["email"], request_type="restriction", restrict=True
    )
    await wait_for_state(admin, restricted["id"], {"completed"}, within=120)

    paused_title, paused_daily = f"Piiratud {tag}", f"Piiratud iga päev {tag}"
    paused = await admin.publish_quiz(
        question_ids=[question["id"]], participants=[person, colleague], title=paused_title
    )
    daily = await admin.publish_daily(
        question_ids=[question["id"]], participants=[person, colleague], title=paused_daily
    )
    await admin.answer_links(colleague, title=paused_title)
    await admin.answer_links(colleague, title=paused_daily)
    await system.settle()
    for assessment in (paused, daily):
        dispatches = await system.fetch(
            "assessments",
            "SELECT status FROM dispatch WHERE assessment_id = $1 AND participant_id = $2",
            UUID(assessment["id"]),
            person.id,
        )
        # Restricted when planned: no dispatch at all; when being issued: one marked so.
        assert [row["status"] for row in dispatches] in ([], ["restricted"])
        held = await system.fetch(
            "delivery",
            "SELECT count(*) AS n FROM message WHERE assessment_id = $1",
            UUID(assessment["id"]),
        )
        assert held[0]["n"] == 1  # the colleague's only
    emailed = [
        sent.subject
        for sent in await system.emails()
        if person.email in sent.to and tag in sent.subject + sent.text
    ]
    assert emailed == []

    lifted = await client_request(
        admin, email=marks["email"], request_type="restriction", restrict=False
    )
    await wait_for_state(admin, lifted["id"], {"completed"}, within=120)
    resumed_title, resumed_daily = f"Taas vaba {tag}", f"Taas iga päev {tag}"
    await admin.publish_quiz(
        question_ids=[question["id"]], participants=[person], title=resumed_title
    )
    await admin.publish_daily(
        question_ids=[question["id"]], participants=[person], title=resumed_daily
    )
    assert await admin.answer_links(person, title=resumed_daily)
    assert await admin.answer_links(person, title=resumed_title)
