"""subject_ref names a person of a client the same way everywhere, without their email."""

import base64
import re
from uuid import UUID, uuid4

import pytest

from chassis.privacy.subject_ref import normalise_email, subject_ref

KEY = base64.b64decode("q7Jx1cUQ4cO1i6mW0m3pCq1l0B8m0m6V4p0bQv3sQ0E=")
TENANT = UUID("0192f0a0-0000-7000-8000-000000000001")
CONTRACT_PATTERN = re.compile(r"^[A-Za-z2-7]{52}(?:====)?$")


def test_the_same_person_gets_the_same_reference() -> None:
    first = subject_ref(KEY, tenant_id=TENANT, email="mari@example.ee")
    assert first == subject_ref(KEY, tenant_id=TENANT, email="mari@example.ee")
    assert CONTRACT_PATTERN.fullmatch(first)
    assert len(first) == 52


def test_case_and_surrounding_whitespace_do_not_matter() -> None:
    assert subject_ref(KEY, tenant_id=TENANT, email="  Mari@Example.EE\n") == subject_ref(
        KEY, tenant_id=TENANT, email="mari@example.ee"
    )
    assert normalise_email(" Mari.Maasikas+quiz@Example.EE ") == "mari.maasikas+quiz@example.ee"


def test_another_client_or_key_gives_another_reference() -> None:
    reference = subject_ref(KEY, tenant_id=TENANT, email="mari@example.ee")
    assert reference != subject_ref(KEY, tenant_id=uuid4(), email="mari@example.ee")
    assert reference != subject_ref(b"another key" * 3, tenant_id=TENANT, email="mari@example.ee")
    assert reference != subject_ref(KEY, tenant_id=TENANT, email="jaan@example.ee")


def test_the_derivation_is_pinned() -> None:
    # base32(HMAC-SHA256(key, "<tenant_id>:<normalised email>")), padding dropped: every
    # service and every stored reference depends on exactly this.
    assert (
        subject_ref(KEY, tenant_id=TENANT, email="mari@example.ee")
        == "VAAFC3MUQH3F6COJ26SQ6APYPJ5GE7MFT24QLOALV4YY6Q74G5XQ"
    )


def test_something_that_is_not_an_address_is_refused() -> None:
    with pytest.raises(ValueError, match="not an email address"):
        subject_ref(KEY, tenant_id=TENANT, email="Mari Maasikas")
