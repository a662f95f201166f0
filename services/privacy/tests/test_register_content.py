"""The register a fresh install starts with: the product's own categories (P1), purposes (P2)
with their legal bases (Q1), Soket's role per kind of data (Q11), its processors and where
they work (P7), and whom to ask or complain to (Q17)."""

import json
from typing import Any

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from privacy.register.service import describe_processing
from privacy.requests.models import SubjectKind
from privacy.settings import Settings

CATEGORIES = {
    "Kliendi esindaja e-posti aadress": ("client_user", "controller"),
    "Kliendi poolt edastatud Osalejate nimed ja e-posti aadressid": ("participant", "processor"),
    "Kliendi poolt edastatud küsimused ja vastusevariandid": ("client_user", "processor"),
    "Osaleja poolt antud vastused, mis peegeldavad nende teadmisi või arvamusi": (
        "participant",
        "processor",
    ),
    "Hindamiste käigus tekkiv vastuste statistika": ("participant", "processor"),
    "Slackist laetud e-posti aadressid ning Slack ID": ("participant", "processor"),
}


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})


async def _register(client: httpx.AsyncClient, officer: dict[str, str]) -> dict[str, Any]:
    response = await client.get("/register", headers=officer)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def _seeded(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        item["category_et"]: item
        for item in document["activities"]
        if item["id"].startswith("00000000-0000-7000-8000-")
    }


async def test_fresh_register_lists_exactly_the_policys_categories_p1_q11(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    seeded = _seeded(await _register(client, officer))
    assert {
        name: (item["subject_kind"], item["soket_role"]) for name, item in seeded.items()
    } == CATEGORIES
    assert seeded["Kliendi esindaja e-posti aadress"]["controller"] == "Soket"
    for name, (kind, _) in CATEGORIES.items():
        if kind == "participant":
            assert seeded[name]["controller"].startswith("The client")


async def test_fresh_register_has_each_purpose_with_its_legal_basis_p2_q1(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    seeded = _seeded(await _register(client, officer))
    representative = {
        purpose["purpose_et"]: purpose["legal_basis"]
        for purpose in seeded["Kliendi esindaja e-posti aadress"]["purposes"]
    }
    assert representative == {
        "Sõlmida Kliendiga lepinguid": "contract",
        "Pakkuda Kliendile ligipääsu Teenusele": "contract",
        "Arveldada Kliendiga": "contract",
        "Täita oma juriidilisi või lepingulisi kohustusi": "legal_obligation",
        "Realiseerida oma juriidilisi või lepingulisi õiguseid": "legitimate_interest",
    }
    delivering = seeded["Kliendi poolt edastatud Osalejate nimed ja e-posti aadressid"]["purposes"]
    assert [purpose["legal_basis"] for purpose in delivering] == ["contract"]
    assert "Deliver the client's questions to its participants" in delivering[0]["purpose"]
    assert "art. 28" in delivering[0]["basis_note"]
    for item in seeded.values():
        assert item["retention"]
        assert item["recipients"]
        assert item["purposes"]


async def test_fresh_register_names_the_processors_and_where_they_work_p7(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    document = await _register(client, officer)
    processors = {
        item["company"]: item
        for item in document["processors"]
        if item["id"].startswith("00000000-0000-7000-8000-")
    }
    zone = processors["Zone Media OÜ (Zone)"]
    assert (zone["countries"], zone["outside_eu_eea"], zone["transfer"]) == (
        ["EE", "NL"],
        False,
        None,
    )
    assert zone["processed_in"].startswith("Estonia and the Netherlands")
    ses = processors["Amazon Web Services (Amazon SES)"]
    assert (ses["countries"], ses["outside_eu_eea"], ses["transfer"]) == (["IE"], False, None)
    assert "eu-west-1" in ses["processed_in"]
    slack = processors["Slack (Slack Technologies)"]
    assert slack["engaged_by"] == "client"
    assert slack["outside_eu_eea"] is True
    assert "does not list it among Soket's processors" in slack["transfer"]
    assert document["transfers"]["by_default"].startswith("None by default")
    assert [entry["company"] for entry in document["transfers"]["through"]] == [slack["company"]]
    seeded = _seeded(document)
    names = {p["company"] for p in seeded["Kliendi esindaja e-posti aadress"]["processors"]}
    assert names == {"Zone Media OÜ (Zone)", "Amazon Web Services (Amazon SES)"}
    slack_ids = seeded["Slackist laetud e-posti aadressid ning Slack ID"]["processors"]
    assert {p["company"] for p in slack_ids} == {"Zone Media OÜ (Zone)", slack["company"]}


async def test_register_names_the_contact_and_the_authority_q17(
    client: httpx.AsyncClient, officer: dict[str, str], settings: Settings
) -> None:
    document = await _register(client, officer)
    assert document["data_protection_contact"] == settings.data_protection_contact
    assert "AKI" in document["supervisory_authority"]
    assert any("bcrypt" in measure for measure in document["security_measures"])


async def test_describe_processing_answers_an_access_request_by_kind_of_person_p15(
    database: Database,
) -> None:
    async with database.sessions() as session, session.begin():
        participant = await describe_processing(session, subject_kind=SubjectKind.PARTICIPANT)
        client_user = await describe_processing(session, subject_kind=SubjectKind.CLIENT_USER)
    about_participants = {item["category_et"]: item for item in participant}
    answers = about_participants[
        "Osaleja poolt antud vastused, mis peegeldavad nende teadmisi või arvamusi"
    ]
    assert answers["soket_role"] == "processor"
    assert answers["purposes"][0]["legal_basis"] == "contract"
    assert "free-text answers are deleted" in answers["retention"]
    assert answers["recipients"] == ["The client's users"]
    assert {p["company"] for p in answers["processors"]} == {
        "Zone Media OÜ (Zone)",
        "Slack (Slack Technologies)",
    }
    assert "Kliendi esindaja e-posti aadress" not in about_participants
    assert "Kliendi esindaja e-posti aadress" in {item["category_et"] for item in client_user}
    assert json.loads(json.dumps(participant)) == participant
