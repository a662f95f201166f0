import secrets
from typing import Final

ALPHABET: Final = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O, 1/I: a reference read over the phone or copied by hand stays one reference."""
PREFIX: Final = "DSR-"
LENGTH: Final = 8


def new_reference() -> str:
    """What the subject and staff quote, e.g. ``DSR-7K3F9Q2M`` (40 bits of randomness)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
