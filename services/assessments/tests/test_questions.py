"""Questions, and the content check of questions and options (P16)."""

import httpx
import pytest
from assessments_support import Tenant, make_question, outbox_events

from assessments.content.check import WordList, folded
from assessments.settings import DEFAULT_WORDLIST
from chassis.database import Database
from contracts.events.assessments import QUESTION_PUBLISHED

INNOCENT = [
    "Kas politsei tuleb?",  # lits
    "Pedagoog selgitab",  # pede
    "Scunthorpe United",  # cunt
    "The assessment classic",  # ass
    "Spice and Dickens",  # spic, dick
    "Raiskama ei tohi",  # raisk
    "Lollipop",  # loll
    "Tobrase ja Tõbrase",  # tõbras as a prefix only
    "Moronic? No: Morongo valley",  # moron as a prefix only
]


async def test_kinds_are_checked(client: httpx.AsyncClient, tenant: Tenant) -> None:
    for body in (
        {"kind": "single_choice", "text": "?", "options": [{"label": "a"}]},
        {
            "kind": "single_choice",
            "text": "?",
            "options": [{"label": "a", "correct": True}, {"label": "b", "correct": True}],
        },
        {"kind": "free_text", "text": "?", "options": [{"label": "a"}, {"label": "b"}]},
        {"kind": "scale", "text": "?"},
        {"kind": "scale", "text": "?", "scale": {"minimum": 5, "maximum": 1}},
        {"kind": "maybe", "text": "?"},
        {"kind": "free_text", "text": ""},
    ):
        response = await client.post("/questions", json=body, headers=tenant.headers())
        assert response.status_code == 422, body


async def test_create_change_and_announce(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    question = await make_question(client, tenant)
    assert [o["correct"] for o in question["options"]] == [True, False, False]
    options = question["options"]
    changed = await client.put(
        f"/questions/{question['id']}",
        json={
            "kind": "single_choice",
            "text": "Mis on Eesti pealinn praegu?",
            "explanation": "Tallinn on pealinn.",
            "options": [
                {"id": options[0]["id"], "label": "Tallinn", "correct": True},
                {"label": "Narva"},
            ],
        },
        headers=tenant.headers(),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["options"][0]["id"] == options[0]["id"]
    assert len(changed.json()["options"]) == 2
    published = await outbox_events(database, QUESTION_PUBLISHED, tenant_id=tenant.id)
    assert len(published) == 2
    scale = await make_question(
        client, tenant, kind="scale", text="Kui kindel oled?", scale={"minimum": 1, "maximum": 5}
    )
    assert scale["scale"] == {"minimum": 1, "maximum": 5}
    listed = (await client.get("/questions?topic=geograafia", headers=tenant.headers())).json()
    assert listed["total"] == 1  # the first lost its topic when replaced


@pytest.mark.parametrize(
    ("text", "option", "word"),
    [
        ("Kes on tõbras?", "jah", "tõbras"),
        ("Kes on tobras?", "jah", "tobras"),  # without diacritics
        ("KES ON TÕBRAS?", "jah", "TÕBRAS"),
        ("Küsimus", "Sa oled idioot", "idioot"),
        ("Question", "You IDIOT!", "IDIOT"),
        ("Mis on värdjas?", "a", "värdjas"),
        ("Mis on vardjas?", "a", "vardjas"),
        ("Is he a retard?", "no", "retard"),
    ],
)
async def test_a_slur_is_refused_naming_the_word_p16(
    client: httpx.AsyncClient, tenant: Tenant, text: str, option: str, word: str
) -> None:
    response = await client.post(
        "/questions",
        json={
            "kind": "single_choice",
            "text": text,
            "options": [{"label": option}, {"label": "ok"}],
        },
        headers=tenant.headers(),
    )
    assert response.status_code == 422
    assert response.json()["word"] == word
    assert word in response.json()["detail"]
    assert response.json()["field"] in ("text", "options[0].label")


async def test_innocent_words_that_contain_listed_strings_pass_p16(
    client: httpx.AsyncClient, tenant: Tenant
) -> None:
    for text in INNOCENT:
        response = await client.post(
            "/questions",
            json={
                "kind": "single_choice",
                "text": text,
                "options": [{"label": text}, {"label": "ok"}],
            },
            headers=tenant.headers(),
        )
        assert response.status_code == 201, (text, response.text)


def test_the_word_list_is_folded_and_matched_on_whole_words() -> None:
    words = WordList.from_file(DEFAULT_WORDLIST)
    assert folded("Tõbras ŠURKA") == "tobras surka"
    assert words.offending("tšurka") == "tšurka"
    assert words.offending("tsurka") == "tsurka"
    assert words.offending("kuradi   idioot!") == "kuradi idioot"
    assert words.offending("gypsy scum") == "gypsy scum"
    assert words.offending("gypsy jazz") is None
    assert all(words.offending(text) is None for text in INNOCENT)


async def test_a_configured_word_list_is_used(
    client: httpx.AsyncClient, tenant: Tenant, app: "object", tmp_path: "object"
) -> None:
    from pathlib import Path

    listing = Path(str(tmp_path)) / "words.txt"
    listing.write_text("# one word\nkapsas\n", encoding="utf-8")
    app.state.assessments_settings = app.state.assessments_settings.model_copy(  # type: ignore[attr-defined]
        update={"content_wordlist_path": listing}
    )
    refused = await client.post(
        "/questions",
        json={"kind": "free_text", "text": "Kas KAPSAS on köögivili?"},
        headers=tenant.headers(),
    )
    assert refused.status_code == 422
    assert refused.json()["word"] == "KAPSAS"
    allowed = await client.post(
        "/questions", json={"kind": "free_text", "text": "Kas idioot?"}, headers=tenant.headers()
    )
    assert allowed.status_code == 201
