"""What a new password must be: long enough, not a common one, within bcrypt's 72 bytes."""

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

MINIMUM_LENGTH = 10
MAXIMUM_BYTES = 72
"""bcrypt reads only the first 72 bytes of a password: a longer one is refused, never cut."""

_COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    lines = _COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def within_bcrypt_limit(password: str) -> str:
    if len(password.encode("utf-8")) > MAXIMUM_BYTES:
        raise ValueError(f"the password is longer than {MAXIMUM_BYTES} bytes (UTF-8)")
    return password


def acceptable_new_password(password: str) -> str:
    if len(password) < MINIMUM_LENGTH:
        raise ValueError(f"the password must have at least {MINIMUM_LENGTH} characters")
    within_bcrypt_limit(password)
    if password.lower() in common_passwords():
        raise ValueError("the password is one of the most common ones: choose another")
    if len(set(password)) < 4:
        raise ValueError("the password repeats too few different characters")
    return password


NewPassword = Annotated[str, AfterValidator(acceptable_new_password)]
"""A password being set: the policy applies."""

GivenPassword = Annotated[str, AfterValidator(within_bcrypt_limit)]
"""A password being checked at login: only bcrypt's limit applies."""
