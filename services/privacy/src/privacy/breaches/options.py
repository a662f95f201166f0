from pydantic import BaseModel, Field, field_validator


class BreachOptions(BaseModel):
    """How breaches are clocked and escalated (``PRIVACY_BREACHES__<NAME>``)."""

    authority_deadline_hours: int = Field(default=72, ge=1)
    """GDPR art. 33(1): the supervisory authority is told within this many hours of discovery."""
    escalation_hours_left: tuple[int, ...] = (48, 24, 6, 0)
    """Privacy officers are emailed once as each of these hours-left marks passes, until the
    authority is notified (0: at the deadline itself)."""

    @field_validator("escalation_hours_left")
    @classmethod
    def _distinct_marks(cls, marks: tuple[int, ...]) -> tuple[int, ...]:
        if any(mark < 0 for mark in marks):
            raise ValueError("escalation marks are hours left, 0 or more")
        return tuple(sorted(set(marks), reverse=True))
