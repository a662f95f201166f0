"""The register leaves as CSV and JSON for privacy officers, and its public page needs no
sign-in: processors and where they work, transfers, the contact and the authority (P7, Q17)."""

import csv
import io
import json

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.testing.auth import TestTokens
from privacy.settings import Settings


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})


async def test_csv_export_has_one_row_per_purpose_with_its_basis_p2_q1(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    response = await client.get("/register.csv", headers=officer)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == (
        'attachment; filename="soket-register-2026-11-02.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    representative = [
        row for row in rows if row["category_et"] == "Kliendi esindaja e-posti aadress"
    ]
    assert sorted(row["legal_basis"] for row in representative) == [
        "contract",
        "contract",
        "contract",
        "legal_obligation",
        "legitimate_interest",
    ]
    assert {row["soket_role"] for row in representative} == {"controller"}
    assert representative[0]["processors"] == (
        "Zone Media OÜ (Zone) (Estonia and the Netherlands (EU/EEA)); "
        "Amazon Web Services (Amazon SES) (Ireland, AWS region eu-west-1 (EU/EEA))"
    )
    assert representative[0]["transfers_outside_eu_eea"] == "none"
    answers = next(row for row in rows if row["category"] == "Participants' answers")
    assert answers["soket_role"] == "processor"
    assert answers["transfers_outside_eu_eea"].startswith("Slack (Slack Technologies): Only if")


async def test_csv_export_quotes_what_a_spreadsheet_would_run(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    body = {
        "category": '=HYPERLINK("http://evil")',
        "subject_kind": "client_user",
        "soket_role": "controller",
        "controller": "Soket",
        "source": "-",
        "purposes": [{"purpose": "+1", "legal_basis": "contract"}],
        "retention": "@once",
    }
    created = await client.post("/register/activities", json=body, headers=officer)
    assert created.status_code == 201, created.text
    try:
        rows = list(
            csv.DictReader(io.StringIO((await client.get("/register.csv", headers=officer)).text))
        )
        row = next(row for row in rows if row["activity_id"] == created.json()["id"])
        assert (row["category"], row["purpose"], row["retention"]) == (
            '\'=HYPERLINK("http://evil")',
            "'+1",
            "'@once",
        )
    finally:
        await client.delete(f"/register/activities/{created.json()['id']}", headers=officer)


async def test_json_export_is_the_whole_register_p1_p7(
    client: httpx.AsyncClient, officer: dict[str, str], settings: Settings
) -> None:
    response = await client.get("/register.json", headers=officer)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="soket-register-2026-11-02.json"'
    )
    document = json.loads(response.content)
    assert document == (await client.get("/register", headers=officer)).json()
    assert document["data_protection_contact"] == settings.data_protection_contact
    categories = {item["category_et"] for item in document["activities"]}
    assert "Hindamiste käigus tekkiv vastuste statistika" in categories
    assert {"Zone Media OÜ (Zone)", "Amazon Web Services (Amazon SES)"} <= {
        item["company"] for item in document["processors"]
    }


async def test_public_register_needs_no_token_and_names_processors_and_contact_p7_q17(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    response = await client.get("/public/register")
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["data_protection_contact"] == settings.data_protection_contact
    assert page["supervisory_authority"] == settings.supervisory_authority
    assert "AKI" in page["right_to_complain"]
    processors = {item["company"]: item for item in page["processors"]}
    assert processors["Zone Media OÜ (Zone)"]["countries"] == ["EE", "NL"]
    assert processors["Amazon Web Services (Amazon SES)"]["processed_in"] == (
        "Ireland, AWS region eu-west-1 (EU/EEA)"
    )
    assert processors["Slack (Slack Technologies)"]["outside_eu_eea"] is True
    assert page["transfers"]["by_default"].startswith("None by default")
    assert [entry["company"] for entry in page["transfers"]["through"]] == [
        "Slack (Slack Technologies)"
    ]
    brief = {item["category_et"]: item for item in page["categories"]}
    statistics = brief["Hindamiste käigus tekkiv vastuste statistika"]
    assert statistics["purposes"] == [
        {"purpose": "Show the client the statistics of its assessments", "legal_basis": "contract"}
    ]
    assert {"source", "recipients", "id", "basis_note"}.isdisjoint(statistics)
    assert "security_measures" not in page


async def test_list_pages_of_activities_and_processors(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    first = (await client.get("/register/activities?page=1&page_size=4", headers=officer)).json()
    second = (await client.get("/register/activities?page=2&page_size=4", headers=officer)).json()
    assert first["total"] == second["total"] >= 6
    assert len(first["items"]) == 4
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "00000000-0000-7000-8000-000000000001"
    processors = (await client.get("/register/processors?page_size=2", headers=officer)).json()
    assert (processors["page"], processors["page_size"], len(processors["items"])) == (1, 2, 2)
    assert processors["items"][0]["activity_ids"]
    bad = await client.get("/register/processors?page=0", headers=officer)
    assert bad.status_code == 422
