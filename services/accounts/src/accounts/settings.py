from datetime import timedelta
from typing import ClassVar

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings

MINIMUM_PRODUCTION_BCRYPT_COST = 12


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "accounts"
    model_config = SettingsConfigDict(
        env_prefix="ACCOUNTS_", extra="ignore", env_nested_delimiter="__"
    )

    access_token_signing_key: SecretStr | None = None
    """``ACCOUNTS_ACCESS_TOKEN_SIGNING_KEY``: base64 of the 32-byte Ed25519 seed of the current
    access-token key. Changing it rotates the key: the previous public key stays in the JWKS
    until the last token it signed has expired."""
    access_token_ttl_seconds: int = Field(default=15 * 60, ge=30, le=3600)
    refresh_token_ttl_seconds: int = Field(default=14 * 24 * 3600, ge=300)
    """A session's lifetime: its refresh tokens rotate within it, and it ends after this."""
    refresh_cookie_name: str = "soket_refresh"
    refresh_cookie_path: str = "/api/accounts/auth"
    """Where the browser sends the refresh cookie: the auth routes as the gateway serves them."""

    bcrypt_cost: int = Field(default=12, ge=4, le=16)
    password_hashing_concurrency: int = Field(default=2, ge=1, le=64)
    """Password hashes computed at once (threads); other logins wait, other requests do not."""

    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=30, ge=1)
    login_failure_window_seconds: int = Field(default=15 * 60, ge=1)
    """Failures older than this are forgotten: nobody is ever locked out for good."""
    trusted_proxies: tuple[str, ...] = ("127.0.0.1",)
    """Peers whose ``X-Forwarded-For`` names the client address (the gateway)."""

    public_base_url: str = "https://localhost:8443"
    """Where people open the links of the notices (the web app behind the gateway)."""
    email_verification_ttl_seconds: int = Field(default=48 * 3600, ge=60)
    invitation_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=60)
    password_reset_ttl_seconds: int = Field(default=30 * 60, ge=60)
    staff_password_link_ttl_seconds: int = Field(default=24 * 3600, ge=60)

    @model_validator(mode="after")
    def _strong_enough_outside_tests(self) -> "Settings":
        if self.environment != "test" and self.bcrypt_cost < MINIMUM_PRODUCTION_BCRYPT_COST:
            raise ValueError(
                f"ACCOUNTS_BCRYPT_COST must be at least {MINIMUM_PRODUCTION_BCRYPT_COST} "
                f"outside tests, not {self.bcrypt_cost}"
            )
        return self

    @property
    def access_token_ttl(self) -> timedelta:
        return timedelta(seconds=self.access_token_ttl_seconds)

    @property
    def refresh_token_ttl(self) -> timedelta:
        return timedelta(seconds=self.refresh_token_ttl_seconds)

    @property
    def login_failure_window(self) -> timedelta:
        return timedelta(seconds=self.login_failure_window_seconds)
