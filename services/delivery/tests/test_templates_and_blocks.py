"""Every notice and dispatch renders in Estonian and English (point 1); Slack questions use
buttons, numbered when the options are too long for one (point 10)."""

from uuid import uuid4

import pytest

from contracts.events.notifications import NOTICE_PARAMETERS, NoticeTemplate
from contracts.vocabulary import Language
from delivery.email.mime import build_email
from delivery.email.rendering import EmailRenderer, MissingParametersError
from delivery.slack.blocks import question_message, result_message

RENDERER = EmailRenderer()


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("template", list(NoticeTemplate))
def test_every_notice_renders_in_both_languages(
    template: NoticeTemplate, language: Language
) -> None:
    parameters = {name: f"<{name}&>" for name in NOTICE_PARAMETERS[template]}
    rendered = RENDERER.render_notice(template, language, parameters)
    assert rendered.subject
    assert "\n" not in rendered.subject
    for name in NOTICE_PARAMETERS[template]:
        assert f"<{name}&>" in rendered.text  # text parts are not escaped …
        assert f"&lt;{name}&amp;&gt;" in rendered.html  # … HTML parts are
    assert f'lang="{language.value}"' in rendered.html


def test_a_notice_missing_a_parameter_is_refused() -> None:
    with pytest.raises(MissingParametersError, match="link"):
        RENDERER.render_notice(NoticeTemplate.PASSWORD_RESET, Language.ENGLISH, {})


def test_estonian_and_english_differ_and_the_raw_message_is_seven_bit() -> None:
    context = {
        "title": "Turvalisus",
        "question": {"text": "Milline parool on tugevaim?", "options": [{"label": "Õun"}]},
        "answer_url": "https://soket.test/a/x",
        "answer_by": "1. detsember",
        "unsubscribe_url": "https://soket.test/unsubscribe/t",
    }
    estonian = RENDERER.render("daily_question", Language.ESTONIAN, context)
    english = RENDERER.render("daily_question", Language.ENGLISH, context)
    assert estonian.subject.startswith("Päeva küsimus")
    assert english.subject.startswith("Today's question")
    _, raw = build_email(
        from_address="Soket <noreply@soket.ee>",
        to="mari@example.com",
        rendered=estonian,
        unsubscribe_url=context["unsubscribe_url"],
    )
    assert max(raw) < 128
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw


def _content(labels: list[str], kind: str = "single_choice") -> dict[str, object]:
    return {
        "language": "en",
        "title": "Security",
        "question": {
            "kind": kind,
            "text": "Which one?",
            "options": [{"option_id": str(uuid4()), "label": label} for label in labels],
        },
        "answer_url": "https://soket.test/a/x",
    }


def _buttons(blocks: list[dict]) -> list[dict]:
    return next(block for block in blocks if block["type"] == "actions")["elements"]


def test_short_options_are_buttons_and_long_ones_are_numbered() -> None:
    dispatch_id = uuid4()
    _, short = question_message(dispatch_id=dispatch_id, content=_content(["Yes", "No"]))
    assert [b["text"]["text"] for b in _buttons(short)] == ["Yes", "No"]
    assert all(b["value"].startswith(f"{dispatch_id}:") for b in _buttons(short))

    long_label = "A passphrase of four random common words, written in lower case"
    _, numbered = question_message(dispatch_id=dispatch_id, content=_content([long_label, "No"]))
    assert [b["text"]["text"] for b in _buttons(numbered)] == ["1", "2"]
    assert f"1. {long_label}" in str(numbered)


def test_free_text_goes_to_the_answer_page() -> None:
    _, blocks = question_message(dispatch_id=uuid4(), content=_content([], kind="free_text"))
    [button] = _buttons(blocks)
    assert button["url"] == "https://soket.test/a/x"


def test_the_result_replaces_the_buttons() -> None:
    text, blocks = result_message(language="et", correct=False, explanation="Pikk parool.")
    assert "Pikk parool." in text
    assert all(block["type"] != "actions" for block in blocks)
