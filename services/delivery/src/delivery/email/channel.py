"""Email as a channel of the sender: compose, keep under the send rate, hand to the transport."""

from collections.abc import Sequence

from jinja2 import TemplateError
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from contracts.vocabulary import Channel
from delivery.email.composer import EmailComposer, EmailTransport
from delivery.email.rendering import MissingParametersError
from delivery.sending.claims import ClaimedMessage
from delivery.sending.outcomes import Failed, Outcome, Refused, Sent
from delivery.sending.rate_limit import RateLimiter

_log = get_logger("delivery.email")


class EmailChannel:
    channel = Channel.EMAIL

    def __init__(
        self, *, transport: EmailTransport, composer: EmailComposer, throttle_pause_seconds: float
    ) -> None:
        self.transport = transport
        self.throttle_pause_seconds = throttle_pause_seconds
        self.composer = composer
        self.limiter = RateLimiter(1.0)

    @property
    def concurrency(self) -> int:
        return self.transport.concurrency

    @property
    def prefetch(self) -> int:
        return max(self.concurrency, int(self.limiter.rate / 2))

    async def start(self) -> None:
        rate = await self.transport.max_send_rate()
        self.limiter = RateLimiter(rate)
        _log.info("email rate", transport=self.transport.name, max_send_rate=rate)

    async def prepare(self, session: AsyncSession, claimed: Sequence[ClaimedMessage]) -> None:
        return None

    async def send(self, message: ClaimedMessage) -> Outcome:
        try:
            composed = self.composer.compose(
                message_id=message.id,
                kind=message.kind,
                tenant_id=message.tenant_id,
                subject_ref=message.subject_ref,
                content=message.content,
            )
        except MissingParametersError:
            return Failed(reason="missing_parameters")
        except (KeyError, ValueError, TypeError, TemplateError):
            return Failed(reason="unrenderable")
        await self.limiter.acquire()
        outcome = await self.transport.send(
            to=composed.to, raw=composed.raw, tags=composed.tags, message_id=composed.message_id
        )
        if isinstance(outcome, Refused) and outcome.reason == "throttled":
            self.limiter.hold_off(self.throttle_pause_seconds)
        return outcome

    async def after_sent(
        self, session: AsyncSession, sent: Sequence[tuple[ClaimedMessage, Sent]]
    ) -> None:
        return None

    async def after_failure(
        self, session: AsyncSession, failed: Sequence[tuple[ClaimedMessage, Failed]]
    ) -> None:
        return None

    async def close(self) -> None:
        await self.transport.close()
