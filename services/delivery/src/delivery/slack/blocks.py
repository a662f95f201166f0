"""Questions as Block Kit messages: buttons when the options fit, numbered when too long."""

from typing import Any
from uuid import UUID

BUTTON_LABEL_LIMIT = 30
"""Longer options are listed with numbers, and the buttons carry the numbers."""
MAX_BUTTONS = 25
ANSWER_BLOCK = "answer"
BUTTON_KINDS = frozenset({"single_choice", "scale"})

_WORDS = {
    "en": {
        "open": "Answer on the page",
        "thanks": "Thank you, your answer is recorded.",
        "correct": "Correct!",
        "wrong": "Not quite.",
    },
    "et": {
        "open": "Vasta lehel",
        "thanks": "Aitäh, vastus on salvestatud.",
        "correct": "Õige!",
        "wrong": "Päris nii see polnud.",
    },
}


def question_message(
    *, dispatch_id: UUID, content: dict[str, Any]
) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for one dispatch."""
    words = _WORDS.get(content["language"], _WORDS["en"])
    question = content.get("question")
    title = content["title"]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title[:150]}}
    ]
    text = title
    options = (question or {}).get("options") or []
    if question is not None:
        text = question["text"]
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": question["text"][:3000]}}
        )
    if (
        question is not None
        and question["kind"] in BUTTON_KINDS
        and 0 < len(options) <= MAX_BUTTONS
    ):
        numbered = any(len(option["label"]) > BUTTON_LABEL_LIMIT for option in options)
        if numbered:
            listing = "\n".join(
                f"{number}. {option['label']}" for number, option in enumerate(options, start=1)
            )
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": listing[:3000]}})
        blocks.append(
            {
                "type": "actions",
                "block_id": ANSWER_BLOCK,
                "elements": [
                    {
                        "type": "button",
                        "action_id": f"answer_{number}",
                        "text": {
                            "type": "plain_text",
                            "text": str(number) if numbered else option["label"],
                        },
                        "value": f"{dispatch_id}:{option['option_id']}",
                    }
                    for number, option in enumerate(options, start=1)
                ],
            }
        )
    else:
        blocks.append(
            {
                "type": "actions",
                "block_id": "open",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "open_answer_page",
                        "text": {"type": "plain_text", "text": words["open"]},
                        "url": content["answer_url"],
                    }
                ],
            }
        )
    return text, blocks


def result_message(
    *, language: str, correct: bool | None, explanation: str | None
) -> tuple[str, list[dict[str, Any]]]:
    """What replaces the question once it is answered: the result and the explanation."""
    words = _WORDS.get(language, _WORDS["en"])
    verdict = words["thanks"] if correct is None else words["correct" if correct else "wrong"]
    lines = [verdict] + ([explanation] if explanation else [])
    text = "\n".join(lines)
    return text, [{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}]
