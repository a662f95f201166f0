from typing import ClassVar, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings

EEA_SES_REGIONS = frozenset(
    {"eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2"}
)
"""SES regions inside the EU/EEA (Ireland, Paris, Frankfurt, Stockholm, Milan, Spain) (P7)."""


class SesSettings(BaseModel):
    """Amazon SES v2 (``DELIVERY_SES__<OPTION>``)."""

    region: str = "eu-west-1"
    allow_region_outside_eea: bool = False
    """A region outside the EU/EEA is refused unless this is set explicitly (P7)."""
    endpoint_url: str | None = None
    """Another SES endpoint, e.g. moto's server in development and tests."""
    access_key_id: SecretStr | None = None
    secret_access_key: SecretStr | None = None
    from_address: str = "Soket <noreply@soket.ee>"
    configuration_set: str = "soket"
    max_send_rate: float = Field(default=14.0, gt=0)
    """Sends per second when the account does not say (moto's ``get_account`` does not)."""
    concurrency: int = Field(default=16, ge=1, le=256)
    """Provider calls in flight at once per sender process."""
    throttle_pause_seconds: float = Field(default=1.0, ge=0)
    """How long the sender sends nothing after SES says it went too fast."""
    timeout_seconds: float = Field(default=20.0, gt=0)

    @model_validator(mode="after")
    def _inside_the_eea(self) -> "SesSettings":
        if self.region not in EEA_SES_REGIONS and not self.allow_region_outside_eea:
            raise ValueError(
                f"SES region {self.region} is outside the EU/EEA; set "
                "DELIVERY_SES__ALLOW_REGION_OUTSIDE_EEA=true to allow it explicitly (P7)"
            )
        return self


class SmtpSettings(BaseModel):
    """An SMTP relay for self-hosters (``DELIVERY_SMTP__<OPTION>``)."""

    host: str = "127.0.0.1"
    port: int = 25
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    use_tls: bool = False
    max_send_rate: float = Field(default=10.0, gt=0)
    concurrency: int = Field(default=4, ge=1, le=64)
    timeout_seconds: float = Field(default=20.0, gt=0)


class SlackSettings(BaseModel):
    """The Slack app (``DELIVERY_SLACK__<OPTION>``)."""

    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    signing_secret: SecretStr = SecretStr("")
    api_base_url: str = "https://slack.com/api/"
    """The Web API; a local fake in development and tests."""
    authorize_url: str = "https://slack.com/oauth/v2/authorize"
    messages_per_second_per_channel: float = Field(default=1.0, gt=0)
    """Slack allows about one message per second into one conversation."""
    messages_per_second_per_workspace: float = Field(default=4.0, gt=0)
    """What estimates assume for a whole workspace (``chat.postMessage`` and
    ``conversations.open`` together)."""
    concurrency: int = Field(default=16, ge=1, le=256)
    member_sync_seconds: float = Field(default=6 * 3600.0, gt=0)
    """How often a workspace's members are imported again."""


class SenderSettings(BaseModel):
    """The sender process (``DELIVERY_SENDER__<OPTION>``)."""

    poll_seconds: float = Field(default=0.2, gt=0)
    claim_batch: int = Field(default=200, ge=1, le=5000)
    retry_delays: tuple[float, ...] = Field(default=(1.0, 5.0, 30.0, 120.0, 600.0), min_length=1)
    """Waits before the next attempt after a clear refusal (throttling), by attempt; the last
    one repeats: a refused message is retried, never dropped."""
    unknown_after_seconds: float = Field(default=300.0, gt=0)
    """A message still *sending* this long after its provider call began (its sender died
    between the call and the commit) becomes *unknown*: logged, never resent blindly."""


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "delivery"
    model_config = SettingsConfigDict(
        env_prefix="DELIVERY_", extra="ignore", env_nested_delimiter="__"
    )

    public_base_url: str = "https://localhost:8443"
    """Where people reach the gateway: unsubscribe links and the Slack redirect start here."""
    email_transport: Literal["ses", "smtp"] = "ses"
    ses: SesSettings = SesSettings()
    smtp: SmtpSettings = SmtpSettings()
    slack: SlackSettings = SlackSettings()
    sender: SenderSettings = SenderSettings()
    slack_token_encryption_key: SecretStr | None = None
    """``DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY``: base64 of the 32-byte AES-GCM key."""
    sns_topic_arns: tuple[str, ...] = ()
    """SNS topics whose SES events are accepted; empty accepts any topic (development)."""

    @field_validator("public_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")
