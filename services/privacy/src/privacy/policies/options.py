from pydantic import BaseModel


class PolicyOptions(BaseModel):
    """How privacy policy versions are published (``PRIVACY_POLICIES__<NAME>``)."""
