class OffboardingConflict(Exception):  # noqa: N818 - says what is wrong
    """The offboarding is not in a state that allows this (409)."""


class OffboardingInputError(ValueError):
    """The input breaks a rule of offboarding (422)."""
