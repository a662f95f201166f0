import re
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

from chassis.privacy.subject_ref import normalise_email

# RFC 5322 dot-atom of ASCII characters: what nearly every address's local part is.
_PLAIN_LOCAL_PART = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"
)
MAX_LOCAL_PART = 64
MAX_ADDRESS = 254


@lru_cache(maxsize=4096)
def _checked_domain(domain: str) -> str:
    """A domain checked once however many addresses share it (a 10,000-row import)."""
    return validate_email(f"postmaster@{domain}", check_deliverability=False).domain


def _full_check(address: str) -> str:
    return validate_email(address, check_deliverability=False).normalized


def checked_email(raw: str) -> str:
    """The address normalised as ``subject_ref`` hashes it; ``ValueError`` saying what is wrong."""
    address = raw.strip()
    try:
        local, at, domain = address.rpartition("@")
        if at and _PLAIN_LOCAL_PART.match(local) and len(local) <= MAX_LOCAL_PART:
            normalised = f"{local}@{_checked_domain(domain)}"
            if len(normalised) > MAX_ADDRESS:
                raise ValueError("not a valid email address: it is too long")
        else:
            normalised = _full_check(address)
    except EmailNotValidError as error:
        raise ValueError(f"not a valid email address: {error}") from None
    return normalise_email(normalised)
