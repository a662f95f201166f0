"""A certificate of the test's own, and SNS messages signed with it as SNS signs them."""

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from delivery.sns.verification import string_to_sign

CERTIFICATE_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem"
TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:soket-ses-events"


class SnsSigner:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
        now = datetime.now(UTC)
        self.certificate_pem = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=1))
            .sign(self.key, hashes.SHA256())
            .public_bytes(serialization.Encoding.PEM)
        )

    def sign(self, message: dict[str, Any], *, version: str = "1") -> dict[str, Any]:
        algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()
        signed = {**message, "SignatureVersion": version, "SigningCertURL": CERTIFICATE_URL}
        signature = self.key.sign(string_to_sign(signed), padding.PKCS1v15(), algorithm)
        return {**signed, "Signature": base64.b64encode(signature).decode("ascii")}

    def notification(self, event: dict[str, Any], *, version: str = "1") -> dict[str, Any]:
        return self.sign(
            {
                "Type": "Notification",
                "MessageId": str(uuid.uuid4()),
                "TopicArn": TOPIC_ARN,
                "Message": json.dumps(event),
                "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "UnsubscribeURL": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe",
            },
            version=version,
        )

    def subscription_confirmation(self, *, version: str = "2") -> dict[str, Any]:
        return self.sign(
            {
                "Type": "SubscriptionConfirmation",
                "MessageId": str(uuid.uuid4()),
                "Token": "2336412f37fb687f5d51e6e2425c464de",
                "TopicArn": TOPIC_ARN,
                "Message": "You have chosen to subscribe to the topic.",
                "SubscribeURL": (
                    "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription"
                    f"&TopicArn={TOPIC_ARN}&Token=2336412f37fb687f5d51e6e2425c464de"
                ),
                "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            },
            version=version,
        )


class TestCertificates:
    """The pluggable fetcher, serving the test's certificate at SNS's URL only."""

    __test__ = False

    def __init__(self, signer: SnsSigner) -> None:
        self.signer = signer
        self.fetched: list[str] = []

    async def fetch(self, url: str) -> bytes:
        self.fetched.append(url)
        if url != CERTIFICATE_URL:
            raise AssertionError(f"asked for a certificate at {url}")
        return self.signer.certificate_pem


def ses_event(
    event_type: str, *, address: str, ses_id: str, message_id: uuid.UUID, **detail: Any
) -> dict[str, Any]:
    """An SES event publishing record of ``event_type`` about one message of ours (its
    ``soket_message`` tag), with ``detail`` beside ``mail`` (``bounce=…``, ``complaint=…``)."""
    return {
        "eventType": event_type,
        **detail,
        "mail": {
            "timestamp": datetime.now(UTC).isoformat(),
            "source": "noreply@soket.ee",
            "messageId": ses_id,
            "destination": [address],
            "tags": {"soket_message": [str(message_id)], "soket_kind": ["dispatch"]},
        },
    }


def bounce_event(
    *, address: str, ses_id: str, message_id: uuid.UUID, permanent: bool = True
) -> dict[str, Any]:
    return ses_event(
        "Bounce",
        address=address,
        ses_id=ses_id,
        message_id=message_id,
        bounce={
            "bounceType": "Permanent" if permanent else "Transient",
            "bounceSubType": "General",
            "bouncedRecipients": [{"emailAddress": address, "action": "failed", "status": "5.1.1"}],
            "timestamp": datetime.now(UTC).isoformat(),
            "feedbackId": "0102-feedback",
        },
    )


def complaint_event(*, address: str, ses_id: str, message_id: uuid.UUID) -> dict[str, Any]:
    return ses_event(
        "Complaint",
        address=address,
        ses_id=ses_id,
        message_id=message_id,
        complaint={
            "complainedRecipients": [{"emailAddress": address}],
            "timestamp": datetime.now(UTC).isoformat(),
            "feedbackId": "0102-complaint",
            "complaintFeedbackType": "abuse",
        },
    )


def delivery_event(*, address: str, ses_id: str, message_id: uuid.UUID) -> dict[str, Any]:
    return ses_event(
        "Delivery",
        address=address,
        ses_id=ses_id,
        message_id=message_id,
        delivery={
            "timestamp": datetime.now(UTC).isoformat(),
            "processingTimeMillis": 546,
            "recipients": [address],
            "smtpResponse": "250 ok",
            "reportingMTA": "a8-70.smtp-out.amazonses.com",
        },
    )


def reject_event(*, address: str, ses_id: str, message_id: uuid.UUID) -> dict[str, Any]:
    return ses_event(
        "Reject",
        address=address,
        ses_id=ses_id,
        message_id=message_id,
        reject={"reason": "Bad content"},
    )
