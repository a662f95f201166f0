"""Starting, watching and stopping every process (services and gateway), with pid files and
log files."""

import contextlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from soket_cli.certificate import certificate_files
from soket_cli.layout import (
    GatewaySpec,
    SupervisedSpec,
    jwks_url,
    repo_root,
    state_dir,
    supervised_specs,
)

STOP_GRACE_SECONDS = 10.0


def pid_file(spec: SupervisedSpec) -> Path:
    return state_dir() / "run" / f"{spec.name}.pid"


def log_file(spec: SupervisedSpec) -> Path:
    return state_dir() / "logs" / f"{spec.name}.log"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        # A zombie (exited, not yet reaped by its parent) counts as gone.
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def running_pid(spec: SupervisedSpec) -> int | None:
    path = pid_file(spec)
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _alive(pid) else None


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start(spec: SupervisedSpec) -> int:
    """Starts one process in its own session (so a stop reaches its children too)."""
    for folder in (pid_file(spec).parent, log_file(spec).parent):
        folder.mkdir(parents=True, exist_ok=True)
    environment = {
        "SOKET_JWKS_URL": jwks_url(),
        **os.environ,
        "SOKET_PROBE_PORT": str(spec.port),
        "PYTHONUNBUFFERED": "1",
    }
    with log_file(spec).open("ab") as log:
        process = subprocess.Popen(
            spec.command(sys.executable),
            cwd=repo_root(),
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    pid_file(spec).write_text(f"{process.pid}\n")
    return process.pid


def stop_all(
    specs: list[SupervisedSpec], *, grace: float = STOP_GRACE_SECONDS
) -> list[SupervisedSpec]:
    """SIGTERM to every process group at once, SIGKILL to those still alive after the grace
    period; returns the processes that were running."""
    running: dict[int, SupervisedSpec] = {}
    for spec in specs:
        pid = running_pid(spec)
        pid_file(spec).unlink(missing_ok=True)
        if pid is not None:
            running[pid] = spec
            _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while any(_alive(pid) for pid in running) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in running:
        if _alive(pid):
            _signal_group(pid, signal.SIGKILL)
    return list(running.values())


def _signal_group(pid: int, signum: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)


@dataclass(frozen=True)
class ProcessStatus:
    spec: SupervisedSpec
    pid: int | None
    alive: bool
    ready: bool
    detail: str


def probe(spec: SupervisedSpec, client: httpx.Client) -> ProcessStatus:
    if isinstance(spec, GatewaySpec):
        return probe_gateway(spec)
    pid = running_pid(spec)
    try:
        alive = client.get(f"{spec.url}/healthz").status_code == 200
        readiness = client.get(f"{spec.url}/readyz")
    except httpx.HTTPError as error:
        return ProcessStatus(spec, pid, False, False, type(error).__name__)
    checks = readiness.json().get("checks", {})
    detail = ", ".join(f"{name} {outcome}" for name, outcome in checks.items())
    return ProcessStatus(spec, pid, alive, readiness.status_code == 200, detail)


def probe_gateway(spec: GatewaySpec) -> ProcessStatus:
    """Alive and ready when its own ``/gateway/healthz`` answers over HTTPS with our certificate."""
    pid = running_pid(spec)
    try:
        context = ssl.create_default_context(cafile=certificate_files().certificate)
        with httpx.Client(verify=context, timeout=2.0) as client:
            answer = client.get(f"https://127.0.0.1:{spec.https_port}/gateway/healthz")
    except (httpx.HTTPError, OSError) as error:
        return ProcessStatus(spec, pid, False, False, type(error).__name__)
    alive = answer.status_code == 200
    return ProcessStatus(spec, pid, alive, alive, "https ok" if alive else str(answer.status_code))


def statuses() -> list[ProcessStatus]:
    with httpx.Client(timeout=3.0) as client:
        return [probe(spec, client) for spec in supervised_specs()]


def wait_until_ready(specs: list[SupervisedSpec], *, seconds: float) -> list[ProcessStatus]:
    """Polls until every process is ready, one has died, or time runs out."""
    deadline = time.monotonic() + seconds
    with httpx.Client(timeout=2.0) as client:
        while True:
            current = [probe(spec, client) for spec in specs]
            died = [status for status in current if running_pid(status.spec) is None]
            if all(status.ready for status in current) or died or time.monotonic() > deadline:
                return current
            time.sleep(0.3)
