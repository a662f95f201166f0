from pydantic import BaseModel, Field


class OffboardingOptions(BaseModel):
    """How a client's offboarding runs (``PRIVACY_OFFBOARDING__<NAME>``)."""

    erasure_days: int = Field(default=30, ge=0)
    """The client is erased this many days after it asked to end the contract, unless the
    client admin or a privacy officer agrees another date."""
    latest_erasure_days: int = Field(default=180, ge=1)
    """An agreed date is at most this many days after the request."""
    reply_timeout_seconds: float = Field(default=60.0, gt=0)
    """A data service that has not answered an export or erasure this long is asked again."""
    notice_lead_seconds: float = Field(default=30.0, ge=0)
    """The certificate's link is emailed to the client's admins this long before the erasure
    is asked: once accounts has erased them, nobody can address them any more."""
