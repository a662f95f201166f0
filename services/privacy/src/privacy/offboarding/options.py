from pydantic import BaseModel


class OffboardingOptions(BaseModel):
    """How a client's offboarding runs (``PRIVACY_OFFBOARDING__<NAME>``)."""
