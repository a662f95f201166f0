"""Email addresses as accounts takes them in: checked fully, stored normalised."""

from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, StringConstraints

from chassis.privacy.subject_ref import normalise_email

MAXIMUM_LENGTH = 320


def valid_email(value: str) -> str:
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"not a valid email address: {error}") from None
    return normalise_email(checked.normalized)


Email = Annotated[str, StringConstraints(max_length=MAXIMUM_LENGTH), AfterValidator(valid_email)]
"""An address someone typed: refused with a 422 unless valid; lower-cased."""
