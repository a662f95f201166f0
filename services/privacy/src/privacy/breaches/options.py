from pydantic import BaseModel


class BreachOptions(BaseModel):
    """How breaches are clocked and escalated (``PRIVACY_BREACHES__<NAME>``)."""
