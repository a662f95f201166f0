"""An answer that came back: the Slack question is replaced with the result."""

from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from contracts.envelope import Envelope
from contracts.events.assessments import AnswerSubmitted
from delivery.messages.models import Message, MessageKind
from delivery.settings import Settings
from delivery.slack.blocks import result_message
from delivery.slack.client import web_client
from delivery.slack.crypto import TokenCipher
from delivery.slack.models import SlackInstallation, SlackMember

_log = get_logger("delivery.slack")


async def replace_answered_question(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """``chat.update`` is idempotent: a retry of this handler replaces the message again."""
    answer: AnswerSubmitted = envelope.data
    message = await session.scalar(
        select(Message).where(
            Message.kind == MessageKind.DISPATCH,
            Message.reference_id == answer.dispatch_id,
            Message.channel == "slack",
            Message.tenant_id == answer.tenant_id,
            Message.slack_channel_id.is_not(None),
        )
    )
    if message is None or message.provider_message_id is None or not message.slack_channel_id:
        return
    member = await session.scalar(
        select(SlackMember).where(
            SlackMember.tenant_id == answer.tenant_id,
            SlackMember.subject_ref == answer.subject_ref,
            SlackMember.dm_channel_id == message.slack_channel_id,
        )
    )
    installation = None if member is None else await session.get(SlackInstallation, member.team_id)
    if installation is None:
        return
    settings = Settings()
    cipher = TokenCipher.from_setting(settings.slack_token_encryption_key)
    token = cipher.decrypt(installation.bot_token_encrypted, team_id=installation.team_id)
    reveal = answer.reveal
    correct = answer.correct if reveal is not None else None
    text, blocks = result_message(
        language=message.language or "en",
        correct=correct,
        explanation=None if reveal is None else reveal.explanation,
    )
    try:
        await web_client(settings.slack, token).chat_update(
            channel=message.slack_channel_id,
            ts=message.provider_message_id,
            text=text,
            blocks=blocks,
        )
    except SlackApiError as error:
        if error.response.get("error") in ("message_not_found", "channel_not_found"):
            _log.info("answered slack message is gone")
            return
        raise
