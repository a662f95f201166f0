"""Amazon SNS message signatures (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA).

The signing certificate is only ever taken from ``https://sns.<region>.amazonaws.com/…pem``;
how it is fetched is pluggable (tests serve their own certificate under such a URL).
"""

import base64
import binascii
import re
import time
from typing import Any, Protocol

import httpx
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SNS_HOST = re.compile(r"^sns\.[a-z]{2}(?:-[a-z]+)+-\d\.amazonaws\.com$")
CERTIFICATE_URL = re.compile(r"^https://(sns\.[a-z0-9-]+\.amazonaws\.com)/[A-Za-z0-9._/-]+\.pem$")
CERTIFICATE_CACHE_SECONDS = 3600.0

_NOTIFICATION_FIELDS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
_SUBSCRIPTION_FIELDS = (
    "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type",
)  # fmt: skip
_HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}


class InvalidSnsMessageError(ValueError):
    """Not a message SNS signed: forged, changed, or from somewhere else."""


class CertificateFetcher(Protocol):
    async def fetch(self, url: str) -> bytes: ...


def is_sns_url(url: str) -> bool:
    """An HTTPS URL on ``sns.<region>.amazonaws.com``."""
    parsed = httpx.URL(url)
    return parsed.scheme == "https" and bool(SNS_HOST.match(parsed.host)) and parsed.port is None


class HttpsCertificateFetcher:
    """Fetches (and caches) SNS signing certificates over HTTPS from SNS's own hosts."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient(timeout=10.0, follow_redirects=False)
        self._cache: dict[str, tuple[float, bytes]] = {}

    async def fetch(self, url: str) -> bytes:
        if not is_sns_url(url):
            raise InvalidSnsMessageError("the signing certificate is not on an SNS host")
        cached = self._cache.get(url)
        if cached is not None and time.monotonic() - cached[0] < CERTIFICATE_CACHE_SECONDS:
            return cached[1]
        answer = await self._client.get(url)
        answer.raise_for_status()
        self._cache[url] = (time.monotonic(), answer.content)
        return answer.content


def string_to_sign(message: dict[str, Any]) -> bytes:
    kind = message.get("Type")
    fields: tuple[str, ...]
    if kind == "Notification":
        fields = _NOTIFICATION_FIELDS
    elif kind in ("SubscriptionConfirmation", "UnsubscribeConfirmation"):
        fields = _SUBSCRIPTION_FIELDS
    else:
        raise InvalidSnsMessageError("unknown SNS message type")
    parts = []
    for field in fields:
        value = message.get(field)
        if value is None:
            if field == "Subject":
                continue
            raise InvalidSnsMessageError(f"{field} is missing")
        parts.append(f"{field}\n{value}\n")
    return "".join(parts).encode()


async def verify_sns_message(message: dict[str, Any], fetcher: CertificateFetcher) -> None:
    """Raises ``InvalidSnsMessageError`` unless SNS signed exactly this message."""
    version = str(message.get("SignatureVersion", ""))
    algorithm = _HASHES.get(version)
    if algorithm is None:
        raise InvalidSnsMessageError("unsupported signature version")
    url = str(message.get("SigningCertURL", ""))
    if not CERTIFICATE_URL.match(url) or not is_sns_url(url):
        raise InvalidSnsMessageError("the signing certificate is not on an SNS host")
    try:
        signature = base64.b64decode(str(message.get("Signature", "")), validate=True)
    except binascii.Error:
        raise InvalidSnsMessageError("the signature is not base64") from None
    certificate = x509.load_pem_x509_certificate(await fetcher.fetch(url))
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise InvalidSnsMessageError("the certificate holds no RSA key")
    try:
        public_key.verify(signature, string_to_sign(message), padding.PKCS1v15(), algorithm())
    except InvalidSignature:
        raise InvalidSnsMessageError("the signature does not match") from None
