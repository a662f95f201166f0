"""Reading every statistic back through the API."""

from typing import Any

import httpx


async def all_pages(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], **params: Any
) -> list[Any]:
    items: list[Any] = []
    page = 1
    while True:
        response = await client.get(
            path, headers=headers, params={**params, "page": page, "page_size": 7}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        if page * 7 >= body["total"]:
            assert len(items) == body["total"]
            return items
        page += 1


def question_view(item: dict[str, Any]) -> dict[str, Any]:
    scale = item["scale"]
    return {
        "question_id": item["question_id"],
        "answers": item["answers"],
        "graded_answers": item["graded_answers"],
        "correct_answers": item["correct_answers"],
        "free_text_answers": item["free_text_answers"],
        "options": [(o["option_id"], o["chosen"], o["correct"]) for o in item["options"]],
        "scale": None
        if scale is None
        else (
            scale["answers"],
            scale["mean"],
            [(p["value"], p["answers"]) for p in scale["distribution"]],
        ),
    }


def trend_view(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    result = {}
    for item in items:
        if item["withheld"]:
            assert item["withheld_reason"]
            assert item["answers"] is None
            assert item["respondents"] is None
            result[(item["key"], item["day"])] = {"withheld": True}
        else:
            result[(item["key"], item["day"])] = {
                "withheld": False,
                "answers": item["answers"],
                "respondents": item["respondents"],
                "correct_answers": item["correct_answers"],
                "share_correct": item["share_correct"],
            }
    return result
