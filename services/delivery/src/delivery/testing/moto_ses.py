"""moto's server standing in for SES: start it, set it up, read back what it was sent."""

import email
import email.policy
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from email.message import EmailMessage

import boto3
import httpx

SENDING_DOMAIN = "soket.ee"
_LINK = re.compile(r"https?://[^\s<>\"']+")


def start_moto(port: int) -> subprocess.Popen[bytes]:
    """``python -m moto.server`` on ``port``, returned once it answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto's server exited with {process.returncode}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/moto-api/data.json", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("moto's server did not answer within 30 s")


def prepare_sending_identity(endpoint_url: str, *, region: str = "eu-west-1") -> None:
    """The sending domain as a verified identity, and the configuration set, as SES needs."""
    client = boto3.client(
        "sesv2",
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 (moto's placeholder credentials)
    )
    client.create_email_identity(EmailIdentity=SENDING_DOMAIN)
    names = client.list_configuration_sets().get("ConfigurationSets", [])
    if "soket" not in names:
        client.create_configuration_set(ConfigurationSetName="soket")


@dataclass(frozen=True)
class SentEmail:
    ses_id: str
    to: list[str]
    raw: str

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_string(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return "" if part is None else str(part.get_content())

    @property
    def links(self) -> list[str]:
        return list(dict.fromkeys(_LINK.findall(self.text)))


def sent_emails(endpoint_url: str) -> list[SentEmail]:
    """Every raw email moto's server has taken, oldest first."""
    data = httpx.get(f"{endpoint_url}/moto-api/data.json", timeout=60).json()
    return [
        SentEmail(
            ses_id=item["id"],
            to=sorted(set(item["destinations"])),
            raw=item["raw_data"],
        )
        for item in data.get("ses", {}).get("RawMessage", [])
    ]
