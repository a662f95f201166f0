"""An SMTP relay, for self-hosters: the same messages and guarantees as SES."""

from email.utils import parseaddr

import aiosmtplib

from delivery.sending.outcomes import Failed, Outcome, Refused, Sent, Unknown
from delivery.settings import SmtpSettings


class SmtpTransport:
    name = "smtp"

    def __init__(self, settings: SmtpSettings, *, from_address: str) -> None:
        self.settings = settings
        self.from_address = parseaddr(from_address)[1]

    @property
    def concurrency(self) -> int:
        return self.settings.concurrency

    async def max_send_rate(self) -> float:
        return self.settings.max_send_rate

    async def send(self, *, to: str, raw: bytes, tags: dict[str, str], message_id: str) -> Outcome:
        try:
            await aiosmtplib.send(
                raw,
                sender=self.from_address,
                recipients=[to],
                hostname=self.settings.host,
                port=self.settings.port,
                username=self.settings.username,
                password=(
                    self.settings.password.get_secret_value() if self.settings.password else None
                ),
                start_tls=self.settings.starttls,
                use_tls=self.settings.use_tls,
                timeout=self.settings.timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused:
            return Failed(reason="recipient_refused")
        except aiosmtplib.SMTPResponseException as error:
            if 400 <= error.code < 500:
                return Refused(reason=f"smtp_{error.code}")
            return Failed(reason=f"smtp_{error.code}")
        except (aiosmtplib.SMTPConnectError, ConnectionRefusedError):
            return Refused(reason="unreachable")
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as error:
            return Unknown(reason=type(error).__name__[:64])
        return Sent(provider_message_id=message_id.strip("<>")[:128])

    async def close(self) -> None:
        return None
