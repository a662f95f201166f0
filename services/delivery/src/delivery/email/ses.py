"""Amazon SES v2 through boto3, off the event loop, with bounded concurrency."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
)

from chassis.logs import get_logger
from delivery.sending.outcomes import Failed, Outcome, Refused, Sent, Unknown
from delivery.settings import SesSettings

if TYPE_CHECKING:
    from mypy_boto3_sesv2 import SESV2Client

_log = get_logger("delivery.ses")

THROTTLING_CODES = frozenset(
    {"TooManyRequestsException", "Throttling", "ThrottlingException", "LimitExceededException"}
)
"""Clear refusals that pass: SES v2 answers 429 ``TooManyRequestsException`` ("Maximum
sending rate exceeded") when we go faster than the account's rate."""
PAUSED_CODES = frozenset({"SendingPausedException", "AccountSuspendedException"})


def ses_client(settings: SesSettings) -> "SESV2Client":
    """A client that does not retry by itself: every refusal comes back to the sender,
    which reschedules it (and knows it happened)."""
    credentials: dict[str, Any] = {}
    if settings.access_key_id and settings.secret_access_key:
        credentials = {
            "aws_access_key_id": settings.access_key_id.get_secret_value(),
            "aws_secret_access_key": settings.secret_access_key.get_secret_value(),
        }
    return boto3.client(
        "sesv2",
        region_name=settings.region,
        endpoint_url=settings.endpoint_url,
        config=Config(
            retries={"total_max_attempts": 1, "mode": "standard"},
            max_pool_connections=settings.concurrency,
            connect_timeout=5,
            read_timeout=settings.timeout_seconds,
        ),
        **credentials,
    )


class SesTransport:
    name = "ses"

    def __init__(self, settings: SesSettings) -> None:
        self.settings = settings
        self.client = ses_client(settings)
        self._pool = ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="ses")

    @property
    def concurrency(self) -> int:
        return self.settings.concurrency

    async def max_send_rate(self) -> float:
        """The account's maximum send rate, or the configured one when SES does not say."""
        try:
            account = await self._call(self.client.get_account)
            rate = float(account["SendQuota"]["MaxSendRate"])
        except (ClientError, BotoCoreError, KeyError, TypeError, ValueError):
            return self.settings.max_send_rate
        return rate if rate > 0 else self.settings.max_send_rate

    async def send(self, *, to: str, raw: bytes, tags: dict[str, str], message_id: str) -> Outcome:
        try:
            answer = await self._call(
                self.client.send_email,
                FromEmailAddress=self.settings.from_address,
                Destination={"ToAddresses": [to]},
                Content={"Raw": {"Data": raw}},
                ConfigurationSetName=self.settings.configuration_set,
                EmailTags=[{"Name": name, "Value": value} for name, value in tags.items()],
            )
        except ClientError as error:
            return classify_client_error(error)
        except (EndpointConnectionError, ConnectTimeoutError) as error:
            return Refused(reason=f"unreachable:{type(error).__name__}"[:64])
        except BotoCoreError as error:
            return Unknown(reason=type(error).__name__[:64])
        return Sent(provider_message_id=str(answer["MessageId"]))

    async def _call(self, function: Any, **arguments: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: function(**arguments))

    async def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def classify_client_error(error: ClientError) -> Outcome:
    code = str(error.response.get("Error", {}).get("Code", ""))
    status = int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    if code in THROTTLING_CODES or status == 429:
        return Refused(reason="throttled")
    if code in PAUSED_CODES:
        return Refused(reason="sending_paused")
    if status >= 500:
        return Unknown(reason=f"provider_{status}")
    return Failed(reason=(code or f"http_{status}")[:64])
