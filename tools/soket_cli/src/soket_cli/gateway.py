"""The gateway's nginx configuration, rendered from ``deploy/gateway/nginx.conf.template``."""

import grp
import os
import pwd
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from soket_cli.certificate import CertificateFiles
from soket_cli.layout import SERVICES, GatewaySpec, gateway_dir, process_specs, repo_root, state_dir

PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")


@dataclass(frozen=True)
class GatewayConfig:
    """What a rendering needs: ports, every service's API instances, files and folders."""

    http_port: int
    https_port: int
    upstreams: Mapping[str, Sequence[str]]
    certificate: CertificateFiles
    folder: Path
    access_log: Path
    web_root: Path
    listen_address: str = "127.0.0.1"
    login_rate_per_minute: int = 10
    """Login and password-reset attempts per client address (a burst of 5 more is let through)."""

    @property
    def config_file(self) -> Path:
        return self.folder / "nginx.conf"


def template_file() -> Path:
    return repo_root() / "deploy" / "gateway" / "nginx.conf.template"


def access_log_file() -> Path:
    return state_dir() / "logs" / "gateway-access.log"


def web_root() -> Path:
    """The built web app when there is one, else the placeholder page."""
    built = repo_root() / "web" / "dist"
    return built if (built / "index.html").is_file() else repo_root() / "deploy/gateway/public"


def local_config(spec: GatewaySpec, certificate: CertificateFiles) -> GatewayConfig:
    """The ``./soket up`` layout: one API instance per service, files in the state folder."""
    upstreams: dict[str, list[str]] = {service: [] for service in SERVICES}
    for process in process_specs():
        if process.kind == "api":
            upstreams[process.service].append(f"127.0.0.1:{process.port}")
    return GatewayConfig(
        http_port=spec.http_port,
        https_port=spec.https_port,
        upstreams=upstreams,
        certificate=certificate,
        folder=gateway_dir(),
        access_log=access_log_file(),
        web_root=web_root(),
        login_rate_per_minute=int(os.environ.get("SOKET_GATEWAY_LOGIN_RATE_PER_MINUTE", "10")),
    )


def render(config: GatewayConfig, template: str | None = None) -> str:
    """The template with every placeholder filled; an unknown or unused one is an error."""
    text = template if template is not None else template_file().read_text()
    values = {
        "user_directive": _user_directive(),
        "pid_file": str(config.folder / "nginx.pid"),
        "temp_dir": str(config.folder / "temp"),
        "access_log": str(config.access_log),
        "listen_address": config.listen_address,
        "http_port": str(config.http_port),
        "https_port": str(config.https_port),
        "certificate": str(config.certificate.certificate),
        "certificate_key": str(config.certificate.key),
        "web_root": str(config.web_root),
        "login_rate": str(config.login_rate_per_minute),
        **{f"{service}_servers": _servers(config.upstreams[service]) for service in SERVICES},
    }
    found = set(PLACEHOLDER.findall(text))
    if found != set(values):
        raise ValueError(f"template placeholders differ: {sorted(found ^ set(values))}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def _servers(addresses: Sequence[str]) -> str:
    if not addresses:
        raise ValueError("an upstream needs at least one server")
    return "\n".join(
        f"        server {address} max_fails=3 fail_timeout=10s;" for address in addresses
    )


def _user_directive() -> str:
    """As root, workers run as the checkout's owner (who can read the web root); otherwise
    nginx runs as the current user and ``user`` must be absent."""
    if os.geteuid() != 0:
        return ""
    owner = repo_root().stat()
    user = pwd.getpwuid(owner.st_uid).pw_name
    return f"user {user} {grp.getgrgid(owner.st_gid).gr_name};"


def write_config(config: GatewayConfig) -> Path:
    """Renders the configuration into its folder, with nginx's temp and log folders."""
    for folder in (config.folder / "temp", config.access_log.parent):
        folder.mkdir(parents=True, exist_ok=True)
    config.config_file.write_text(render(config))
    return config.config_file


def check_config(config_file: Path, nginx: str = "nginx") -> str | None:
    """``nginx -t`` on a rendered configuration: None when it is accepted, else its output."""
    folder = config_file.parent
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", f"{folder}/", "-c", str(config_file), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if result.returncode == 0 else (result.stderr or result.stdout).strip()
