"""Privacy keys come from settings; a missing one is named when the wiring is built."""

import base64
from typing import ClassVar

import pytest
from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from chassis.privacy.keys import (
    MissingKeyError,
    generate_development_keys,
    receipt_signer,
    subject_ref_key,
)
from chassis.privacy.receipts import ReceiptSigner
from chassis.settings import ServiceSettings


class DeliveryLikeSettings(ServiceSettings):
    service_name: ClassVar[str] = "delivery"
    model_config = SettingsConfigDict(env_prefix="DELIVERY_", extra="ignore")


@pytest.fixture(autouse=True)
def no_keys_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("SUBJECT_REF_KEY", "DELIVERY_SUBJECT_REF_KEY", "DELIVERY_RECEIPT_SIGNING_KEY"):
        monkeypatch.delenv(variable, raising=False)


def test_development_keys_name_every_variable_and_decode() -> None:
    keys = generate_development_keys()
    assert set(keys) == {
        "SUBJECT_REF_KEY",
        "ACCOUNTS_RECEIPT_SIGNING_KEY",
        "ASSESSMENTS_RECEIPT_SIGNING_KEY",
        "DELIVERY_RECEIPT_SIGNING_KEY",
        "ANALYTICS_RECEIPT_SIGNING_KEY",
        "ACCOUNTS_ACCESS_TOKEN_SIGNING_KEY",
        "DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY",
        "PRIVACY_DOWNLOAD_LINK_KEY",
        "SOKET_BACKUP_ENCRYPTION_KEY",
    }
    assert all(len(base64.b64decode(value, validate=True)) == 32 for value in keys.values())
    assert len(set(keys.values())) == len(keys)
    assert generate_development_keys() != keys


def test_settings_read_the_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = generate_development_keys()
    monkeypatch.setenv("SUBJECT_REF_KEY", keys["SUBJECT_REF_KEY"])
    monkeypatch.setenv("DELIVERY_RECEIPT_SIGNING_KEY", keys["DELIVERY_RECEIPT_SIGNING_KEY"])
    settings = DeliveryLikeSettings()
    assert subject_ref_key(settings) == base64.b64decode(keys["SUBJECT_REF_KEY"])
    seed = base64.b64decode(keys["DELIVERY_RECEIPT_SIGNING_KEY"])
    assert receipt_signer(settings).key_id == ReceiptSigner(seed).key_id
    assert keys["SUBJECT_REF_KEY"] not in repr(settings)


def test_a_services_own_subject_ref_key_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = generate_development_keys()["SUBJECT_REF_KEY"]
    own = generate_development_keys()["SUBJECT_REF_KEY"]
    monkeypatch.setenv("SUBJECT_REF_KEY", shared)
    monkeypatch.setenv("DELIVERY_SUBJECT_REF_KEY", own)
    assert subject_ref_key(DeliveryLikeSettings()) == base64.b64decode(own)


def test_settings_load_without_keys_but_the_wiring_names_what_is_missing() -> None:
    settings = DeliveryLikeSettings()
    with pytest.raises(MissingKeyError, match="DELIVERY_RECEIPT_SIGNING_KEY is not set"):
        receipt_signer(settings)
    with pytest.raises(MissingKeyError, match="SUBJECT_REF_KEY is not set"):
        subject_ref_key(settings)


def test_a_malformed_key_is_refused_without_showing_it() -> None:
    settings = DeliveryLikeSettings(receipt_signing_key=SecretStr("c2hvcnQ="))
    with pytest.raises(MissingKeyError, match="32 bytes, not 5") as raised:
        receipt_signer(settings)
    assert "c2hvcnQ=" not in str(raised.value)
    settings = DeliveryLikeSettings(receipt_signing_key=SecretStr("not base64 at all!"))
    with pytest.raises(MissingKeyError, match="not valid base64"):
        receipt_signer(settings)
