class RetentionInputError(ValueError):
    """A policy or setting cannot be set as given (a 422)."""


class RetentionNotFoundError(LookupError):
    """No such policy, setting or run (a 404)."""
