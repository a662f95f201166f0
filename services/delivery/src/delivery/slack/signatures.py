"""Slack's request signatures (signing secret, 5-minute window) and replay refusal."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from slack_sdk.signature import SignatureVerifier

from chassis.database import SessionDep
from chassis.logs import get_logger
from delivery.dependencies import SettingsDep
from delivery.slack.service import first_time

_log = get_logger("delivery.slack.signatures")


async def signed_body(request: Request, settings: SettingsDep, session: SessionDep) -> bytes:
    """The body of a request Slack signed within the last five minutes, seen once: a replayed
    request (same signature) is refused."""
    body = await request.body()
    timestamp = request.headers.get("X-Slack-Request-Timestamp")
    signature = request.headers.get("X-Slack-Signature")
    verifier = SignatureVerifier(settings.slack.signing_secret.get_secret_value())
    if not settings.slack.signing_secret.get_secret_value() or not verifier.is_valid(
        body, timestamp, signature
    ):
        _log.warning("slack request refused", reason="signature")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Not a request signed by Slack.")
    async with session.begin():
        fresh = await first_time(session, key=f"signature:{signature}")
    if not fresh:
        _log.warning("slack request refused", reason="replay")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "This request was already taken.")
    return body


SignedBody = Annotated[bytes, Depends(signed_body)]
