class RequestInputError(ValueError):
    """The staff's input cannot be acted on as given (a 422)."""


class RequestConflictError(Exception):
    """The request's state does not allow this now (a 409)."""
