"""``./soket up`` starts every process of every service; ``./soket down`` leaves none behind."""

import asyncio
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from chassis.migrations import drop_database
from chassis.settings import async_database_url, database_name
from soket_cli.layout import (
    EXTRA_PROCESS_KINDS,
    PROCESS_KINDS,
    SERVICES,
    GatewaySpec,
    ProcessSpec,
    gateway_spec,
    process_specs,
    supervised_specs,
)
from soket_cli.pytest_infrastructure import TestInfrastructure

ROOT = Path(__file__).resolve().parents[1]
PORT_BASE = 18000


READINESS_CHECKS = {
    "api": {"database"},
    "relay": {"database", "broker"},
    "worker": {"database", "broker", "consuming"},
    "scheduler": {"database"},
    "sender": {"database", "sending"},
    "ses_emulator": {"emulator"},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def port_is_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def soket(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "soket"), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def group_members(pgid: int) -> list[int]:
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


def drop_databases(*, prefix: str) -> None:
    for service in SERVICES:
        url = async_database_url(os.environ["POSTGRES_URL"], database_name(service, prefix))
        asyncio.run(drop_database(url))


def test_up_starts_every_process_and_down_leaves_none(
    infrastructure: TestInfrastructure, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # Its own databases, as on a fresh machine: not the rows other tests left behind.
    database_prefix = f"{infrastructure.database_prefix}up_"
    environment = {
        **os.environ,
        "SOKET_STATE_DIR": str(tmp_path),
        "SOKET_PORT_BASE": str(PORT_BASE),
        "SOKET_DATABASE_PREFIX": database_prefix,
        "SOKET_DEMO": "0",
    }
    request.addfinalizer(lambda: drop_databases(prefix=database_prefix))
    os.environ["SOKET_PORT_BASE"] = str(PORT_BASE)
    try:
        specs = process_specs()
        gateway = gateway_spec()
        everything = supervised_specs()
    finally:
        del os.environ["SOKET_PORT_BASE"]
    assert {(spec.service, spec.kind) for spec in specs} == {
        (service, kind)
        for service in SERVICES
        for kind in (*PROCESS_KINDS, *EXTRA_PROCESS_KINDS.get(service, ()))
    }
    assert everything == [*specs, gateway]
    assert gateway.ports == (PORT_BASE + 80, PORT_BASE + 443)
    ports = [port for spec in everything for port in spec.ports]
    assert not any(port_is_open(port) for port in ports), "a test port is taken"

    started = soket("up", "--detach", environment=environment)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert f"Soket is up. Open {gateway.url}" in started.stdout
        pid_files = {spec.name: tmp_path / "run" / f"{spec.name}.pid" for spec in everything}
        pids = {name: int(path.read_text()) for name, path in pid_files.items()}
        with httpx.Client(timeout=5) as client:
            for spec in specs:
                assert client.get(f"{spec.url}/healthz").status_code == 200, spec.name
                ready = client.get(f"{spec.url}/readyz")
                assert ready.status_code == 200, (spec.name, ready.text)
                expected = READINESS_CHECKS[spec.kind]
                assert set(ready.json()["checks"]) == expected
        check_gateway(gateway, tmp_path / "gateway" / "localhost.crt")
        status = soket("status", environment=environment)
        assert status.returncode == 0, status.stdout
        assert re.search(rf"gateway +pid {pids['gateway']} .*{gateway.url} +ready", status.stdout)
        logs = soket("logs", "delivery", environment=environment)
        assert logs.returncode == 0
        assert {"api started", "process started"} <= {
            json.loads(line)["event"] for line in logs.stdout.splitlines() if line.startswith("{")
        }
        assert soket("logs", "nosuchservice", environment=environment).returncode == 2
        gateway_logs = soket("logs", "gateway", environment=environment)
        assert '"path":"/api/accounts/readyz"' in gateway_logs.stdout
    finally:
        stopped = soket("down", environment=environment)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert f"Stopped {len(everything)} processes" in stopped.stdout
    deadline = time.monotonic() + 5
    while any(group_members(pid) for pid in pids.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert {name: group_members(pid) for name, pid in pids.items() if group_members(pid)} == {}
    assert [port for port in ports if port_is_open(port)] == []
    assert list((tmp_path / "run").glob("*.pid")) == []


def check_gateway(gateway: GatewaySpec, certificate: Path) -> None:
    """The printed URL answers over HTTPS with the generated certificate and reaches the APIs."""
    trust = ssl.create_default_context(cafile=certificate)
    with httpx.Client(base_url=gateway.url, verify=trust, timeout=5) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        for service in SERVICES:
            ready = client.get(f"/api/{service}/readyz")
            assert ready.status_code == 200, (service, ready.text)
    with httpx.Client(timeout=5) as client:
        redirect = client.get(f"http://127.0.0.1:{gateway.http_port}/")
    assert redirect.status_code == 301


def test_up_refuses_ports_taken_by_another_program(
    infrastructure: TestInfrastructure, tmp_path: Path
) -> None:
    environment = {**os.environ, "SOKET_STATE_DIR": str(tmp_path), "SOKET_PORT_BASE": "18400"}
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 18430))
        squatter.listen()
        result = soket("up", "--detach", environment=environment)
    assert result.returncode == 1
    assert "18430 (delivery-api)" in result.stderr
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("kind", ["worker", "relay"])
def test_worker_and_relay_are_alive_but_not_ready_without_the_broker(
    kind: str, infrastructure: TestInfrastructure
) -> None:
    spec = ProcessSpec("accounts", kind, free_port())
    environment = {
        **os.environ,
        "SOKET_PROBE_PORT": str(spec.port),
        "RABBITMQ_URL": "amqp://guest:guest@127.0.0.1:1/",
    }
    process = subprocess.Popen(spec.command(sys.executable), env=environment, cwd=ROOT)
    try:
        with httpx.Client(timeout=2) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    alive = client.get(f"{spec.url}/healthz")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the probe port never opened"
                    time.sleep(0.2)
            assert alive.status_code == 200
            ready = client.get(f"{spec.url}/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"]["database"] == "ok"
            assert ready.json()["checks"]["broker"].startswith("error")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_ctrl_c_on_a_foreground_up_stops_everything(
    infrastructure: TestInfrastructure, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "SOKET_STATE_DIR": str(tmp_path),
        "SOKET_PORT_BASE": "18200",
        "SOKET_DEMO": "0",
    }
    process = subprocess.Popen(
        [str(ROOT / "soket"), "up"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        seen = []
        for line in process.stdout:
            seen.append(line)
            if "Ctrl-C stops everything" in line:
                break
        else:
            pytest.fail("".join(seen))
        pids = [int(path.read_text()) for path in (tmp_path / "run").glob("*.pid")]
        assert len(pids) == len(supervised_specs())
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        soket("down", environment=environment)
    assert process.returncode == 0, output
    assert f"Stopped {len(supervised_specs())} processes" in output
    assert [pid for pid in pids if group_members(pid)] == []


def test_a_worker_whose_probe_port_is_taken_exits_at_once_saying_so(
    infrastructure: TestInfrastructure,
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        spec = ProcessSpec("privacy", "worker", squatter.getsockname()[1])
        result = subprocess.run(
            spec.command(sys.executable),
            env={**os.environ, "SOKET_PROBE_PORT": str(spec.port)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert "cannot listen on the probe port" in result.stdout
