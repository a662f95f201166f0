"""The gateway (nginx, rendered from deploy/gateway) in front of a real accounts API."""

import os
import re
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from soket_cli.certificate import certificate_files, ensure_certificate
from soket_cli.gateway import GatewayConfig, check_config, render, template_file, write_config
from soket_cli.layout import SERVICES, ProcessSpec, nginx_path
from soket_cli.pytest_infrastructure import TestInfrastructure

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER_PAGE = ROOT / "deploy" / "gateway" / "public"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(url: str, *, verify: ssl.SSLContext | bool = True, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    with httpx.Client(verify=verify, timeout=2) as client:
        while True:
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.1)


def nginx() -> str:
    found = nginx_path()
    assert found, "nginx is not installed (./soket up and .ci/run install it)"
    return found


@dataclass(frozen=True)
class Gateway:
    config: GatewayConfig
    https: str
    http: str
    trust: ssl.SSLContext

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.https, verify=self.trust, timeout=10)


def config_for(folder: Path, upstreams: dict[str, list[str]]) -> GatewayConfig:
    certificate, _ = ensure_certificate(folder)
    return GatewayConfig(
        http_port=free_port(),
        https_port=free_port(),
        upstreams=upstreams,
        certificate=certificate,
        folder=folder,
        access_log=folder / "access.log",
        web_root=PLACEHOLDER_PAGE,
    )


@pytest.fixture(scope="module")
def accounts_api(infrastructure: TestInfrastructure) -> Iterator[str]:
    spec = ProcessSpec("accounts", "api", free_port())
    process = subprocess.Popen(
        spec.command(sys.executable), cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL
    )
    try:
        wait_for(f"{spec.url}/healthz")
        yield f"127.0.0.1:{spec.port}"
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def gateway(accounts_api: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    """Accounts runs as two instances, one of them down; every other service is down."""
    nowhere = f"127.0.0.1:{free_port()}"
    upstreams = {service: [nowhere] for service in SERVICES} | {"accounts": [nowhere, accounts_api]}
    config = config_for(tmp_path_factory.mktemp("gateway"), upstreams)
    config_file = write_config(config)
    command = [nginx(), "-p", f"{config.folder}/", "-c", str(config_file), "-e", "stderr"]
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    trust = ssl.create_default_context(cafile=config.certificate.certificate)
    https = f"https://localhost:{config.https_port}"
    try:
        wait_for(f"{https}/gateway/healthz", verify=trust)
        yield Gateway(config, https, f"http://127.0.0.1:{config.http_port}", trust)
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_nginx_accepts_the_rendered_template(tmp_path: Path) -> None:
    config = config_for(tmp_path, {service: ["127.0.0.1:1", "127.0.0.1:2"] for service in SERVICES})
    assert check_config(write_config(config), nginx()) is None


def test_rendering_refuses_a_template_with_an_unknown_placeholder(tmp_path: Path) -> None:
    config = config_for(tmp_path, {service: ["127.0.0.1:1"] for service in SERVICES})
    with pytest.raises(ValueError, match="mystery"):
        render(config, template_file().read_text() + "{{ mystery }}\n")


def test_http_redirects_to_https_permanently(gateway: Gateway) -> None:
    """P10: TLS for the whole service, answer pages included: plain HTTP only redirects."""
    with httpx.Client(timeout=5) as client:
        response = client.get(f"{gateway.http}/api/accounts/healthz?x=1")
    assert response.status_code == 301
    location = f"https://127.0.0.1:{gateway.config.https_port}/api/accounts/healthz?x=1"
    assert response.headers["location"] == location


@pytest.mark.parametrize("path", ["/", "/api/accounts/healthz", "/nothing-here/x"])
def test_https_responses_carry_the_security_headers(gateway: Gateway, path: str) -> None:
    """P10: HSTS keeps browsers on HTTPS."""
    with gateway.client() as client:
        headers = client.get(path).headers
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["server"] == "nginx"


def test_the_api_prefix_reaches_the_service_without_it(gateway: Gateway) -> None:
    with gateway.client() as client:
        alive = [client.get("/api/accounts/healthz") for _ in range(6)]
        ready = client.get("/api/accounts/readyz")
    assert [response.status_code for response in alive] == [200] * 6
    assert alive[0].json() == {"status": "alive"}
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}


def test_a_service_without_a_running_instance_answers_502(gateway: Gateway) -> None:
    with gateway.client() as client:
        assert client.get("/api/privacy/healthz").status_code == 502


def test_correlation_ids_pass_through_or_are_made_by_the_gateway(gateway: Gateway) -> None:
    with gateway.client() as client:
        kept = client.get("/api/accounts/healthz", headers={"x-correlation-id": "req-42"})
        made = client.get("/api/accounts/healthz")
    assert kept.headers["x-correlation-id"] == "req-42"
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-correlation-id"])


def test_a_body_over_the_limit_is_refused_with_413(gateway: Gateway) -> None:
    with gateway.client() as client:
        response = client.post("/api/accounts/healthz", content=b"x" * (1024 * 1024 + 1))
    assert response.status_code == 413


def test_repeated_logins_are_limited_with_429(gateway: Gateway) -> None:
    with gateway.client() as client:
        codes = [client.post("/api/accounts/auth/login", json={}).status_code for _ in range(10)]
    assert 429 not in codes[:6]
    assert codes[-1] == 429


def test_reading_an_answer_page_is_not_rate_limited(gateway: Gateway) -> None:
    with gateway.client() as client:
        codes = {client.get("/a/some-token").status_code for _ in range(40)}
    assert codes == {502}


def test_the_access_log_holds_no_answer_tokens_or_query_strings(gateway: Gateway) -> None:
    with gateway.client() as client:
        client.get("/a/secret-answer-token")
        client.get("/api/accounts/healthz?email=someone@example.com")
    log = gateway.config.access_log.read_text()
    assert '"path":"/a/…"' in log
    assert "secret-answer-token" not in log
    assert "example.com" not in log


@pytest.mark.parametrize("path", ["/", "/clients/settings"])
def test_the_placeholder_page_stands_in_for_the_web_app(gateway: Gateway, path: str) -> None:
    with gateway.client() as client:
        response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "not built yet" in response.text


def test_the_gateway_answers_its_own_health_check(gateway: Gateway) -> None:
    with gateway.client() as client:
        response = client.get("/gateway/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_the_certificate_is_reused_while_good_and_remade_when_not(tmp_path: Path) -> None:
    files, made = ensure_certificate(tmp_path)
    assert made
    first = files.certificate.read_bytes()
    assert ensure_certificate(tmp_path) == (files, False)
    assert files.certificate.read_bytes() == first
    assert files.key.stat().st_mode & 0o777 == 0o600
    certificate_files(tmp_path).key.write_text("not a key")
    assert ensure_certificate(tmp_path)[1]
    assert files.certificate.read_bytes() != first
