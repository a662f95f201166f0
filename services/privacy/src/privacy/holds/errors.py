class HoldNotFoundError(LookupError):
    """No such hold (a 404)."""


class HoldConflictError(Exception):
    """The hold is already released (a 409)."""
