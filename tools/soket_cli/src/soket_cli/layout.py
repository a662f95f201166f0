"""Where things are: the repository, the services, their processes, the gateway and ports."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

SERVICES = ("accounts", "assessments", "delivery", "analytics", "privacy")
PROCESS_KINDS = ("api", "worker", "relay")
EXTRA_PROCESS_KINDS: dict[str, tuple[str, ...]] = {
    "assessments": ("scheduler",),
    "privacy": ("scheduler",),
    "delivery": ("sender", "ses_emulator"),
}
"""Processes only some services have; their ports follow the relay's (+3, +4, …)."""
DEFAULT_PORT_BASE = 8000
DEFAULT_API_INSTANCES = 2
"""API instances of each service that ``./soket up`` runs behind the gateway's load balancing."""
MAX_API_INSTANCES = 4
"""Further instances take the last ports of their service's ten: +9, +8, +7."""
GATEWAY_HTTP_OFFSET = 80
GATEWAY_HTTPS_OFFSET = 443


def repo_root() -> Path:
    """The checkout: ``SOKET_ROOT``, else the one this package was installed from, else cwd."""
    configured = os.environ.get("SOKET_ROOT")
    candidates = [Path(configured)] if configured else []
    candidates += [Path(__file__).resolve().parents[3], Path.cwd()]
    for candidate in candidates:
        if (candidate / "services").is_dir() and (candidate / "pyproject.toml").is_file():
            return candidate
    raise RuntimeError("cannot find the Soket checkout: run from its folder or set SOKET_ROOT")


def service_dir(service: str) -> Path:
    return repo_root() / "services" / service


def state_dir() -> Path:
    """Run-time files (pids, logs): ``SOKET_STATE_DIR`` or ``.soket/`` in the checkout."""
    configured = os.environ.get("SOKET_STATE_DIR")
    return Path(configured) if configured else repo_root() / ".soket"


def gateway_dir() -> Path:
    """The gateway's rendered configuration, certificate and nginx's own files."""
    return state_dir() / "gateway"


def nginx_path() -> str | None:
    """nginx on ``PATH``, or in the sbin folders a normal user's ``PATH`` often lacks."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/local/sbin:/usr/sbin:/sbin")


def port_base() -> int:
    return int(os.environ.get("SOKET_PORT_BASE", DEFAULT_PORT_BASE))


@dataclass(frozen=True)
class ProcessSpec:
    """One OS process of one service, e.g. the accounts API on port 8010."""

    service: str
    kind: str
    port: int
    instance: int = 1
    """Which API instance of the service (1, 2, …); other kinds run once."""

    @property
    def ports(self) -> tuple[int, ...]:
        return (self.port,)

    @property
    def name(self) -> str:
        suffix = f"-{self.instance}" if self.instance > 1 else ""
        return f"{self.service}-{self.kind}{suffix}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, python: str) -> list[str]:
        if self.kind == "api":
            return [
                python, "-m", "uvicorn", "--factory", f"{self.service}.main:create_app",
                "--host", "127.0.0.1", "--port", str(self.port),
                "--no-access-log",
            ]  # fmt: skip
        return [python, "-m", f"{self.service}.{self.kind}"]


def api_instances() -> int:
    """``SOKET_API_INSTANCES`` (1 to 4), else two: the gateway balances every API over them."""
    instances = int(os.environ.get("SOKET_API_INSTANCES", DEFAULT_API_INSTANCES))
    if not 1 <= instances <= MAX_API_INSTANCES:
        raise ValueError(f"SOKET_API_INSTANCES must be 1 to {MAX_API_INSTANCES}, not {instances}")
    return instances


def process_specs(*, instances: int | None = None) -> list[ProcessSpec]:
    """Ports: service n (1-based) gets ``base + 10n`` for its API, +1 worker, +2 relay, its
    extra processes after them, and its further API instances from +9 down."""
    base = port_base()
    count = api_instances() if instances is None else instances
    specs: list[ProcessSpec] = []
    for number, service in enumerate(SERVICES):
        first = base + 10 * (number + 1)
        kinds = (*PROCESS_KINDS, *EXTRA_PROCESS_KINDS.get(service, ()))
        specs += [ProcessSpec(service, kind, first + offset) for offset, kind in enumerate(kinds)]
        specs += [
            ProcessSpec(service, "api", first + 11 - instance, instance)
            for instance in range(2, count + 1)
        ]
    return specs


def jwks_url() -> str:
    """Where the accounts API started by ``./soket up`` publishes its token keys."""
    accounts_api = next(
        spec for spec in process_specs() if (spec.service, spec.kind) == ("accounts", "api")
    )
    return f"{accounts_api.url}/.well-known/jwks.json"


@dataclass(frozen=True)
class GatewaySpec:
    """The nginx gateway: HTTPS in front of every service API, HTTP redirecting to it."""

    http_port: int
    https_port: int

    name = "gateway"

    @property
    def port(self) -> int:
        return self.https_port

    @property
    def ports(self) -> tuple[int, ...]:
        return (self.http_port, self.https_port)

    @property
    def url(self) -> str:
        return f"https://localhost:{self.https_port}"

    def command(self, python: str) -> list[str]:
        folder = gateway_dir()
        return [
            nginx_path() or "nginx", "-p", f"{folder}/", "-c", str(folder / "nginx.conf"),
            "-e", "stderr", "-g", "daemon off;",
        ]  # fmt: skip


def gateway_spec() -> GatewaySpec:
    """Ports: ``base + 80`` (HTTP) and ``base + 443`` (HTTPS), 8080 and 8443 by default."""
    base = port_base()
    return GatewaySpec(base + GATEWAY_HTTP_OFFSET, base + GATEWAY_HTTPS_OFFSET)


SupervisedSpec = ProcessSpec | GatewaySpec


def supervised_specs() -> list[SupervisedSpec]:
    """Everything ``./soket up`` starts: every service process, then the gateway."""
    return [*process_specs(), gateway_spec()]
