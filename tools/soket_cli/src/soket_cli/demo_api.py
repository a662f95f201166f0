"""The running system as the demo seed sees it: each service's API on its own port, and the SES
emulator's inbox, with every wait bounded."""

import email
import email.policy
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

REQUEST_TIMEOUT_SECONDS = 30.0
EMAIL_WAIT_SECONDS = 60.0
POLL_SECONDS = 0.3
_LINK = re.compile(r"https?://[^\s<>\"']+")


class DemoSeedError(Exception):
    """A step of the seed failed; the message says which and why."""


@dataclass(frozen=True)
class DemoTarget:
    """Where the running system answers: each service's API base URL and the SES emulator."""

    service_urls: Mapping[str, str]
    emulator_url: str


@dataclass(frozen=True)
class Email:
    to: list[str]
    subject: str
    text: str
    links: list[str]


class DemoApi:
    """Calls on the services' APIs as one user (after ``log_in``), raising ``DemoSeedError``
    for any answer but the expected ones."""

    def __init__(self, target: DemoTarget) -> None:
        self.target = target
        self.client = httpx.Client(timeout=REQUEST_TIMEOUT_SECONDS)
        self.access_token = ""

    def close(self) -> None:
        self.client.close()

    def url(self, service: str, path: str) -> str:
        return f"{self.target.service_urls[service]}{path}"

    def request(
        self,
        method: str,
        service: str,
        path: str,
        *,
        expect: tuple[int, ...] = (200,),
        what: str,
        **kwargs: Any,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.access_token}"} if self.access_token else {}
        try:
            response = self.client.request(
                method, self.url(service, path), headers=headers, **kwargs
            )
        except httpx.HTTPError as error:
            raise DemoSeedError(f"{what}: {service} did not answer ({error})") from None
        if response.status_code not in expect:
            raise DemoSeedError(
                f"{what}: {method} {path} answered {response.status_code} {response.text[:300]}"
            )
        return response

    def json(self, method: str, service: str, path: str, *, what: str, **kwargs: Any) -> Any:
        return self.request(method, service, path, what=what, **kwargs).json()

    def items(self, service: str, path: str, *, what: str, **params: str | int) -> list[Any]:
        """Every item of an assessments list (``{items, total, limit, offset}``)."""
        found: list[Any] = []
        while True:
            page = self.json(
                "GET",
                service,
                path,
                what=what,
                params={**params, "limit": 500, "offset": len(found)},
            )
            found += page["items"]
            if not page["items"] or len(found) >= page["total"]:
                return found

    def log_in(self, email: str, password: str) -> int:
        """The status of ``POST /auth/login``; on 200 this client acts as that user."""
        response = self.request(
            "POST",
            "accounts",
            "/auth/login",
            expect=(200, 401, 403),
            what=f"logging in as {email}",
            json={"email": email, "password": password},
        )
        if response.status_code == 200:
            self.access_token = response.json()["access_token"]
        return response.status_code

    # --- the SES emulator ----------------------------------------------------------------------

    def emails(self) -> list[Email]:
        """Every email the emulator took, oldest first (moto keeps them until it stops)."""
        try:
            response = self.client.get(f"{self.target.emulator_url}/moto-api/data.json")
            response.raise_for_status()
            raw = response.json().get("ses", {}).get("RawMessage", [])
        except (httpx.HTTPError, ValueError) as error:
            raise DemoSeedError(f"the SES emulator does not answer ({error})") from None
        return [_parsed(item["raw_data"], item["destinations"]) for item in raw]

    def wait_for_emails(
        self,
        wanted: Callable[[list[Email]], bool],
        *,
        what: str,
        seconds: float = EMAIL_WAIT_SECONDS,
    ) -> list[Email]:
        """Every email the emulator holds, once ``wanted`` finds what it looks for in them."""
        deadline = time.monotonic() + seconds
        while True:
            emails = self.emails()
            if wanted(emails):
                return emails
            if time.monotonic() > deadline:
                raise DemoSeedError(f"{what}: not in the SES emulator within {seconds:.0f} s")
            time.sleep(POLL_SECONDS)


def _parsed(raw: str, destinations: list[str]) -> Email:
    message = email.message_from_string(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("plain",))
    text = "" if body is None else str(body.get_content())
    return Email(
        to=sorted(set(destinations)),
        subject=str(message["Subject"]),
        text=text,
        links=list(dict.fromkeys(_LINK.findall(text))),
    )


def query_token(links: list[str]) -> str | None:
    """The ``token`` query parameter of the first link that carries one."""
    for link in links:
        values = parse_qs(urlsplit(link).query).get("token")
        if values:
            return values[0]
    return None


def answer_paths(email: Email) -> list[str]:
    """The answer pages' paths (``/a/<token>``) the email links to."""
    return [urlsplit(link).path for link in email.links if urlsplit(link).path.startswith("/a/")]
