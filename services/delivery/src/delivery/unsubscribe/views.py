"""``/unsubscribe/<token>``: the one-click POST (RFC 8058) and a page for people."""

from html import escape
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, status
from fastapi.responses import HTMLResponse

from chassis.database import SessionDep
from delivery.dependencies import KeysDep
from delivery.suppression.service import unsubscribe
from delivery.unsubscribe.tokens import InvalidUnsubscribeTokenError, UnsubscribeTarget, read_token

router = APIRouter(prefix="/unsubscribe", tags=["unsubscribe"])

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Soket</title></head>
<body style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
{body}
</body></html>"""


def _page(body: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(body=body), status_code=status_code)


def _target(token: str, keys: KeysDep) -> UnsubscribeTarget:
    try:
        return read_token(keys.unsubscribe_key, token)
    except InvalidUnsubscribeTokenError:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "This unsubscribe link is not valid."
        ) from None


@router.get("/{token}", response_class=HTMLResponse)
async def unsubscribe_page(token: str, keys: KeysDep) -> HTMLResponse:
    """Opening the link changes nothing (mail scanners open links); the button does."""
    _target(token, keys)
    action = f"/unsubscribe/{escape(token)}"
    return _page(
        "<h1>Unsubscribe / Loobu</h1>"
        "<p>Stop receiving this organisation's questions by email and Slack.</p>"
        "<p>Ära saada mulle enam selle organisatsiooni küsimusi.</p>"
        f'<form method="post" action="{action}">'
        '<input type="hidden" name="confirm" value="yes">'
        '<button type="submit">Unsubscribe / Loobu</button></form>'
    )


@router.post("/{token}", response_class=HTMLResponse)
async def unsubscribe_now(
    token: str,
    session: SessionDep,
    keys: KeysDep,
    list_unsubscribe: Annotated[str | None, Form(alias="List-Unsubscribe")] = None,
    confirm: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    """Mail clients POST ``List-Unsubscribe=One-Click``; people press the page's button."""
    target = _target(token, keys)
    if list_unsubscribe != "One-Click" and confirm != "yes":
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, "Send List-Unsubscribe=One-Click to unsubscribe."
        )
    async with session.begin():
        await unsubscribe(session, tenant_id=target.tenant_id, subject_ref=target.subject_ref)
    return _page(
        "<h1>Unsubscribed / Loobutud</h1>"
        "<p>You will not receive this organisation's questions any more.</p>"
        "<p>Sa ei saa enam selle organisatsiooni küsimusi.</p>"
    )
