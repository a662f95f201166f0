"""``./soket up`` refuses ports another program holds, and a Ctrl-C on a foreground ``up`` stops
everything; the worker and relay's probes without a broker or with a taken port. (``./soket up``
starting every process of every service and ``./soket down`` leaving none behind:
tests/web/test_up_down.py, on the browser tests' stack.)"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from soket_cli.layout import SERVICES, ProcessSpec, supervised_specs
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.web.stack import process_group_members

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def soket(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "soket"), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


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
        "SOKET_API_INSTANCES": "1",  # Ctrl-C is the point here, not load balancing
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
        assert len(pids) == len(supervised_specs()) - len(SERVICES), "one API instance each"
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        soket("down", environment=environment)
    assert process.returncode == 0, output
    assert f"Stopped {len(pids)} processes" in output
    assert [pid for pid in pids if process_group_members(pid)] == []


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
