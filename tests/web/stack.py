"""The stack the browser tests drive: ``./soket up --detach`` on its own ports, databases,
vhost and state folder, and what the tests need of it (emails, staff, API calls).

The stack serves a snapshot of ``web/dist`` as it is when the stack starts: ``./soket test``
has just built it, and ``./soket up`` never rebuilds it here (its checkout, ``SOKET_ROOT``, is
a folder of links to this one whose ``web/`` holds only that snapshot). Tests never write into
``web/`` of the checkout.
"""

import asyncio
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

import asyncpg
import httpx

from chassis.migrations import drop_database
from chassis.settings import async_database_url, database_name
from delivery.testing.moto_ses import SentEmail, sent_emails
from soket_cli.infrastructure import create_vhost, delete_vhost
from soket_cli.layout import (
    SERVICES,
    GatewaySpec,
    ProcessSpec,
    SupervisedSpec,
    gateway_spec,
    process_specs,
    supervised_specs,
)

ROOT = Path(__file__).resolve().parents[2]
PORT_BASE = 19000
PASSWORD = "correct horse battery staple"
UP_TIMEOUT_SECONDS = 240
CONNECTIONS_NEEDED = 55
"""PostgreSQL connections the stack's 27 processes (two API instances of each service) hold,
about two each."""

FAST_RUNNING: Mapping[str, str] = {
    "ACCOUNTS_BCRYPT_COST": "4",
    "ASSESSMENTS_SCHEDULER__POLL_SECONDS": "0.3",
    "PRIVACY_SCHEDULER_INTERVAL_SECONDS": "0.5",
    "ASSESSMENTS_TOKEN_GUESS_LIMIT": "100000",
    "DELIVERY_SES__MAX_SEND_RATE": "500",
    "SOKET_GATEWAY_LOGIN_RATE_PER_MINUTE": "1000",
    "SOKET_LOG_LEVEL": "WARNING",
    "DELIVERY_LOG_LEVEL": "INFO",
}
"""bcrypt at the cheapest cost tests allow, schedulers that poll often, a login limit at
the gateway that a test run logging in a browser per test never reaches, and quiet logs but
delivery's (whose processes' "started" lines test_up_down.py reads)."""


class StackError(RuntimeError):
    """The stack could not be started; the message says why."""


def port_is_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


async def _free_connections() -> int:
    url = async_database_url(os.environ["POSTGRES_URL"], "postgres")
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        allowed = await connection.fetchval(
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
        )
        used = await connection.fetchval("SELECT count(*) FROM pg_stat_activity")
    finally:
        await connection.close()
    return int(allowed) - int(used)


BROKER_FILE_HANDLES_NEEDED = 400
"""A stack declares about 114 queues, and RabbitMQ keeps about three file handles open for
each, beside one per connection (27 processes)."""


def _broker_file_handles_free() -> int | None:
    """RabbitMQ's free file handles (``rabbitmqctl status``), or None where it cannot tell.
    Past its limit it stops accepting connections: workers then wait, never ready."""
    if not shutil.which("rabbitmqctl"):
        return None
    status = subprocess.run(
        ["rabbitmqctl", "status"], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    total = re.search(r"Total: (\d+), limit: \d+", status)
    # New connections are refused once every handle, files included, reaches the socket limit.
    sockets = re.search(r"Sockets: \d+, limit: (\d+)", status)
    return int(sockets[1]) - int(total[1]) if total and sockets else None


def _with_vhost(url: str, vhost: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(vhost, safe="")))


def built_web_app() -> Path:
    """``web/dist``, or the folder ``SOKET_WEB_TESTS_DIST`` names (a build made elsewhere,
    e.g. ``npx vite build --outDir /tmp/dist`` while others use ``web/dist``)."""
    configured = os.environ.get("SOKET_WEB_TESTS_DIST")
    return Path(configured) if configured else ROOT / "web" / "dist"


def _shadow_checkout(folder: Path) -> Path:
    """A checkout of links to this one, but for ``web/``: a copy of the built app alone."""
    dist = built_web_app()
    if not (dist / "index.html").is_file():
        raise StackError(
            f"{dist / 'index.html'} is missing: build the web app first "
            "(`./soket test` does, or `cd web && npm ci && npm run build`)."
        )
    folder.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in {"web", ".soket", ".git"}:
            (folder / entry.name).symlink_to(entry)
    web = folder / "web"
    shutil.copytree(dist, web / "dist")
    # npm ci is skipped when this marker is present and no package-lock.json is newer.
    (web / "node_modules").mkdir(parents=True)
    (web / "node_modules" / ".package-lock.json").write_text("{}")
    return folder


@dataclass
class WebStack:
    """A running ``./soket up --detach`` and the people the tests create in it."""

    folder: Path
    database_prefix: str
    rabbitmq_url: str
    port_base: int = PORT_BASE
    vhost: str | None = None
    environment: dict[str, str] = field(default_factory=dict)
    up_output: str = ""
    """What ``./soket up --detach`` printed (its processes' readiness, the demo's logins)."""
    stopped: bool = False
    """``./soket down`` has stopped it (the databases and vhost are still there)."""

    # --- addresses ---------------------------------------------------------------------------

    def _at_base(self, read: Callable[[], Any]) -> Any:
        saved = os.environ.get("SOKET_PORT_BASE")
        os.environ["SOKET_PORT_BASE"] = str(self.port_base)
        try:
            return read()
        finally:
            if saved is None:
                del os.environ["SOKET_PORT_BASE"]
            else:
                os.environ["SOKET_PORT_BASE"] = saved

    @property
    def url(self) -> str:
        """The gateway's HTTPS origin, e.g. ``https://localhost:19443``."""
        url: str = self._at_base(lambda: gateway_spec().url)
        return url

    @property
    def http_url(self) -> str:
        port: int = self._at_base(lambda: gateway_spec().http_port)
        return f"http://127.0.0.1:{port}"

    def service_url(self, service: str, kind: str = "api") -> str:
        """A process's own URL; for an API, its first instance's."""
        specs = self._at_base(process_specs)
        [url] = [
            spec.url
            for spec in specs
            if (spec.service, spec.kind, spec.instance) == (service, kind, 1)
        ]
        return str(url)

    @property
    def ports(self) -> list[int]:
        return [port for spec in self.supervised_specs() for port in spec.ports]

    def process_specs(self) -> list[ProcessSpec]:
        """Every process of every service (not the gateway), at this stack's ports."""
        specs: list[ProcessSpec] = self._at_base(process_specs)
        return specs

    def gateway_spec(self) -> GatewaySpec:
        spec: GatewaySpec = self._at_base(gateway_spec)
        return spec

    def supervised_specs(self) -> list[SupervisedSpec]:
        """What ``./soket up`` starts and ``./soket down`` stops: the processes, the gateway."""
        specs: list[SupervisedSpec] = self._at_base(supervised_specs)
        return specs

    @property
    def state(self) -> Path:
        """``SOKET_STATE_DIR``: pid files in ``run/``, the certificate in ``gateway/``."""
        return self.folder / "state"

    # --- up and down ---------------------------------------------------------------------------

    def soket(self, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ROOT / "soket"), *arguments],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def up(self) -> None:
        taken = [port for port in self.ports if port_is_open(port)]
        if taken:
            raise StackError(f"ports of the web tests' stack are taken: {taken}")
        with ThreadPoolExecutor(max_workers=1) as pool:
            free = pool.submit(asyncio.run, _free_connections()).result()
        if free < CONNECTIONS_NEEDED:
            raise StackError(
                f"PostgreSQL has {free} connections free; the web tests' stack needs about "
                f"{CONNECTIONS_NEEDED} (its services would answer 500 for want of them). Stop "
                "another running stack or raise max_connections."
            )
        handles = _broker_file_handles_free()
        if handles is not None and handles < BROKER_FILE_HANDLES_NEEDED:
            raise StackError(
                f"RabbitMQ has {handles} file handles free; the web tests' stack needs about "
                f"{BROKER_FILE_HANDLES_NEEDED} (past its limit the broker accepts no connection "
                "and the workers never become ready). Queues of other vhosts hold them, e.g. "
                "a stopped ./soket up's: `rabbitmqctl list_queues -p /`; delete those, or "
                "raise RabbitMQ's open-files limit."
            )
        name = self.database_prefix.rstrip("_")
        user = urlsplit(self.rabbitmq_url).username or "guest"
        if create_vhost(name, user=user):
            self.vhost = name
        broker = _with_vhost(self.rabbitmq_url, name) if self.vhost else self.rabbitmq_url
        checkout = _shadow_checkout(self.folder / "checkout")
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.endswith(("_DATABASE_URL", "_PROBE_PORT", "_PUBLIC_BASE_URL"))
            and not key.startswith("DELIVERY_SES__")
        }
        public = {
            f"{service.upper()}_PUBLIC_BASE_URL": self.url
            for service in ("accounts", "assessments", "delivery", "privacy")
        }
        self.environment = {
            **inherited,
            **FAST_RUNNING,
            **public,
            "RABBITMQ_URL": broker,
            "SOKET_ROOT": str(checkout),
            "SOKET_STATE_DIR": str(self.state),
            "SOKET_PORT_BASE": str(self.port_base),
            "SOKET_DATABASE_PREFIX": self.database_prefix,
        }
        started = self.soket("up", "--detach", timeout=UP_TIMEOUT_SECONDS)
        self.up_output = started.stdout
        if started.returncode != 0:
            self.down()
            raise StackError(f"./soket up failed:\n{started.stdout}\n{started.stderr}")

    def stop(self) -> subprocess.CompletedProcess[str]:
        """``./soket down``: every process stopped (the databases and vhost stay)."""
        stopped = self.soket("down")
        self.stopped = stopped.returncode == 0
        return stopped

    def down(self) -> None:
        """Every process stopped, the databases dropped, the vhost deleted; a stack a test has
        stopped already (``stop``) only loses its databases and vhost."""
        try:
            if self.environment and not self.stopped:
                self.stop()
        finally:
            try:
                # A thread of its own: Playwright's sync API runs an event loop in this one.
                with ThreadPoolExecutor(max_workers=1) as pool:
                    pool.submit(self._drop_databases).result()
            finally:
                if self.vhost is not None:
                    delete_vhost(self.vhost)
                    self.vhost = None

    def _drop_databases(self) -> None:
        async def drop() -> None:
            postgres = os.environ["POSTGRES_URL"]
            for service in SERVICES:
                name = database_name(service, self.database_prefix)
                await drop_database(async_database_url(postgres, name))

        asyncio.run(drop())

    def log_tail(self, service: str, *, lines: int = 40) -> str:
        return self.soket("logs", service).stdout[-lines * 200 :]

    # --- email -------------------------------------------------------------------------------

    def emails(self) -> list[SentEmail]:
        return sent_emails(self.service_url("delivery", "ses_emulator"))

    def email_to(self, address: str, *, containing: str = "", within: float = 60) -> SentEmail:
        """The latest email to ``address`` whose text contains ``containing``."""
        deadline = time.monotonic() + within
        while True:
            found = [
                sent
                for sent in self.emails()
                if address in sent.to and containing in sent.subject + sent.text
            ]
            if found:
                return found[-1]
            if time.monotonic() > deadline:
                raise AssertionError(f"no email to {address} containing {containing!r}")
            time.sleep(0.3)

    # --- people ------------------------------------------------------------------------------

    def api(self, service: str) -> httpx.Client:
        """A client of a service's API straight on its port (not through the gateway)."""
        return httpx.Client(base_url=self.service_url(service), timeout=30)

    def sign_up_client(self, *, email: str, organisation: str) -> "Staff":
        """A client and its first admin through the accounts API, verified from the email."""
        with self.api("accounts") as accounts:
            signup = accounts.post(
                "/signup",
                json={
                    "organisation_name": organisation,
                    "email": email,
                    "password": PASSWORD,
                    "name": "Ada Admin",
                    "language": "en",
                },
            )
            assert signup.status_code == 201, signup.text
            verified = accounts.post(
                "/auth/verify-email", json={"token": link_token(self.email_to(email))}
            )
            assert verified.status_code == 204, verified.text
        staff = Staff(stack=self, email=email, tenant_id=str(signup.json()["tenant_id"]))
        staff.log_in()
        return staff

    def privacy_officer(self, *, email: str) -> "Staff":
        """``./soket admin create-privacy-officer EMAIL``; the password set at its link."""
        made = self.soket("admin", "create-privacy-officer", email)
        assert made.returncode == 0, made.stdout + made.stderr
        link = made.stdout.strip().splitlines()[-1]
        assert urlsplit(link).path == "/reset-password", link
        with self.api("accounts") as accounts:
            reset = accounts.post(
                "/auth/password-reset/confirm",
                json={"token": parse_qs(urlsplit(link).query)["token"][0], "password": PASSWORD},
            )
            assert reset.status_code == 204, reset.text
        staff = Staff(stack=self, email=email)
        staff.log_in()
        return staff


@dataclass
class Staff:
    """A person who logs in (client user or privacy officer), acting through the APIs."""

    stack: WebStack
    email: str
    password: str = PASSWORD
    tenant_id: str | None = None
    """The client of a client user; None for a privacy officer."""
    access_token: str = ""

    def log_in(self) -> None:
        with self.stack.api("accounts") as accounts:
            login = accounts.post(
                "/auth/login", json={"email": self.email, "password": self.password}
            )
            assert login.status_code == 200, login.text
            self.access_token = login.json()["access_token"]

    def call(
        self, method: str, service: str, path: str, *, expect: int | None = None, **kwargs: Any
    ) -> httpx.Response:
        with self.stack.api(service) as client:
            headers = {"Authorization": f"Bearer {self.access_token}"}
            response = client.request(method, path, headers=headers, **kwargs)
            if response.status_code == 401:
                self.log_in()
                headers = {"Authorization": f"Bearer {self.access_token}"}
                response = client.request(method, path, headers=headers, **kwargs)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: {response.text[:2000]}"
        return response


def link_token(mail: SentEmail) -> str:
    """The ``token`` query parameter of the first link in the email that carries one."""
    for link in mail.links:
        values = parse_qs(urlsplit(link).query).get("token")
        if values:
            return values[0]
    raise AssertionError(f"no link with a token in {mail.subject!r}: {mail.links}")


def path_of(url: str) -> str:
    """A link's path and query, to open on the test's own origin."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


_CODE = re.compile(r"\b(\d{6})\b")


def six_digit_code(mail: SentEmail) -> str:
    found = _CODE.search(mail.text)
    assert found, f"no 6-digit code in {mail.subject!r}"
    return found.group(1)


def process_group_members(pgid: int) -> list[int]:
    """The live (not zombie) processes of the process group ``pgid``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def unique_email(who: str) -> str:
    return f"{who}-{secrets.token_hex(4)}@example.com"
