"""How long a send takes under the configured limits."""

from delivery.messages.schemas import Estimate, EstimateChannel
from delivery.settings import Settings


def estimate(*, settings: Settings, channel: EstimateChannel, recipients: int) -> Estimate:
    if channel is EstimateChannel.EMAIL:
        rate = (
            settings.ses.max_send_rate
            if settings.email_transport == "ses"
            else settings.smtp.max_send_rate
        )
        noun = "emails"
    else:
        rate = settings.slack.messages_per_second_per_workspace
        noun = "Slack DMs"
    seconds = recipients / rate
    return Estimate(
        channel=channel,
        recipients=recipients,
        messages_per_second=rate,
        seconds=round(seconds, 1),
        summary=f"{recipients:,} {noun} ≈ {_duration(seconds)}",
    )


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
