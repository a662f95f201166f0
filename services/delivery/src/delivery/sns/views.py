"""``POST /sns/ses-events``: SES's events, delivered by an SNS HTTPS subscription."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status

from chassis.database import SessionDep
from chassis.logs import get_logger
from delivery.dependencies import KeysDep, SettingsDep
from delivery.sns.ses_events import apply_ses_event
from delivery.sns.verification import (
    CertificateFetcher,
    InvalidSnsMessageError,
    is_sns_url,
    verify_sns_message,
)

router = APIRouter(prefix="/sns", tags=["sns"])

_log = get_logger("delivery.sns")


def certificate_fetcher(request: Request) -> CertificateFetcher:
    fetcher: CertificateFetcher = request.app.state.sns_certificates
    return fetcher


async def _signed_message(
    request: Request,
    fetcher: Annotated[CertificateFetcher, Depends(certificate_fetcher)],
    settings: SettingsDep,
) -> dict[str, Any]:
    try:
        message = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "The body is not SNS's JSON.") from None
    if not isinstance(message, dict):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "The body is not SNS's JSON.")
    try:
        await verify_sns_message(message, fetcher)
    except (InvalidSnsMessageError, ValueError) as error:
        _log.warning("sns message refused", reason=str(error))
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Not a message signed by SNS.") from None
    topic = str(message.get("TopicArn", ""))
    if settings.sns_topic_arns and topic not in settings.sns_topic_arns:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Not a topic this service listens to.")
    return message


@router.post("/ses-events", status_code=status.HTTP_200_OK)
async def receive_ses_event(
    request: Request,
    message: Annotated[dict[str, Any], Depends(_signed_message)],
    session: SessionDep,
    keys: KeysDep,
) -> dict[str, str]:
    kind = message["Type"]
    if kind == "SubscriptionConfirmation":
        url = str(message.get("SubscribeURL", ""))
        if not is_sns_url(url):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "The subscribe URL is not SNS's.")
        await request.app.state.sns_confirmer(url)
        _log.info("sns subscription confirmed")
        return {"status": "confirmed"}
    if kind != "Notification":
        return {"status": "ignored"}
    try:
        event = json.loads(message["Message"])
    except ValueError:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "The notification is not JSON.") from None
    async with session.begin():
        await apply_ses_event(session, event=event, keys=keys)
    return {"status": "applied"}
