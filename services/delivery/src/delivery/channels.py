"""The channels a sender process sends on, built from the settings."""

from chassis.database import Database
from delivery.email.channel import EmailChannel
from delivery.email.composer import EmailComposer, EmailTransport
from delivery.email.rendering import EmailRenderer
from delivery.email.ses import SesTransport
from delivery.email.smtp import SmtpTransport
from delivery.keys import DeliveryKeys
from delivery.sending.sender import ChannelSender
from delivery.settings import Settings
from delivery.slack.channel import SlackChannel
from delivery.slack.crypto import TokenCipher


def email_transport(settings: Settings) -> EmailTransport:
    if settings.email_transport == "smtp":
        return SmtpTransport(settings.smtp, from_address=settings.ses.from_address)
    return SesTransport(settings.ses)


def build_channels(settings: Settings, database: Database) -> list[ChannelSender]:
    keys = DeliveryKeys.from_settings(settings)
    composer = EmailComposer(
        renderer=EmailRenderer(),
        from_address=settings.ses.from_address,
        public_base_url=settings.public_base_url,
        unsubscribe_key=keys.unsubscribe_key,
    )
    channels: list[ChannelSender] = [
        EmailChannel(
            transport=email_transport(settings),
            composer=composer,
            throttle_pause_seconds=settings.ses.throttle_pause_seconds,
        )
    ]
    if settings.slack.client_id:
        channels.append(
            SlackChannel(
                settings=settings.slack,
                cipher=TokenCipher.from_setting(settings.slack_token_encryption_key),
                database=database,
                keys=keys,
            )
        )
    return channels
