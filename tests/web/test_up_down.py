"""``./soket up`` starts every process of every service; ``./soket down`` leaves none behind:
on the browser tests' stack, checked first (while ``./soket logs`` still shows the start) and
stopped last (the ``stops_the_stack`` test runs after every other test of the package)."""

import json
import re
import ssl
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from soket_cli.layout import EXTRA_PROCESS_KINDS, PROCESS_KINDS, SERVICES, api_instances
from tests.web.stack import PORT_BASE, WebStack, port_is_open, process_group_members

READINESS_CHECKS = {
    "api": {"database"},
    "relay": {"database", "broker"},
    "worker": {"database", "broker", "consuming"},
    "scheduler": {"database"},
    "sender": {"database", "sending"},
    "ses_emulator": {"emulator"},
}
STOP_SECONDS = 5


def pids_of(stack: WebStack) -> dict[str, int]:
    """Each supervised process's pid (also its process group's id), from its pid file."""
    return {
        spec.name: int((stack.state / "run" / f"{spec.name}.pid").read_text())
        for spec in stack.supervised_specs()
    }


@pytest.mark.on_fresh_stack
def test_up_starts_every_process_of_every_service(stack: WebStack) -> None:
    specs = stack.process_specs()
    gateway = stack.gateway_spec()
    assert {(spec.service, spec.kind) for spec in specs} == {
        (service, kind)
        for service in SERVICES
        for kind in (*PROCESS_KINDS, *EXTRA_PROCESS_KINDS.get(service, ()))
    }
    assert [spec.kind for spec in specs].count("api") == len(SERVICES) * api_instances()
    assert stack.supervised_specs() == [*specs, gateway]
    assert gateway.ports == (PORT_BASE + 80, PORT_BASE + 443)
    assert f"Soket is up. Open {gateway.url}" in stack.up_output
    pids = pids_of(stack)
    with httpx.Client(timeout=5) as client:
        for spec in specs:
            assert client.get(f"{spec.url}/healthz").status_code == 200, spec.name
            ready = client.get(f"{spec.url}/readyz")
            assert ready.status_code == 200, (spec.name, ready.text)
            assert set(ready.json()["checks"]) == READINESS_CHECKS[spec.kind], spec.name
    check_gateway(stack)

    # Each ./soket takes seconds to start: the four run side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        status, logs, unknown, gateway_logs = pool.map(
            lambda arguments: stack.soket(*arguments),
            [("status",), ("logs", "delivery"), ("logs", "nosuchservice"), ("logs", "gateway")],
        )
    assert status.returncode == 0, status.stdout
    assert re.search(rf"gateway +pid {pids['gateway']} .*{gateway.url} +ready", status.stdout)
    for spec in specs:
        line = rf"^  {re.escape(spec.name)} +pid {pids[spec.name]} +{re.escape(spec.url)} +ready"
        assert re.search(line, status.stdout, re.MULTILINE), (spec.name, status.stdout)
    assert logs.returncode == 0
    assert {"api started", "process started"} <= {
        json.loads(line)["event"] for line in logs.stdout.splitlines() if line.startswith("{")
    }
    assert unknown.returncode == 2, unknown.stderr
    assert '"path":"/api/accounts/readyz"' in gateway_logs.stdout


def check_gateway(stack: WebStack) -> None:
    """The printed URL answers over HTTPS with the generated certificate and reaches the APIs;
    plain HTTP is redirected."""
    trust = ssl.create_default_context(cafile=stack.state / "gateway" / "localhost.crt")
    with httpx.Client(base_url=stack.url, verify=trust, timeout=5) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        for service in SERVICES:
            ready = client.get(f"/api/{service}/readyz")
            assert ready.status_code == 200, (service, ready.text)
    with httpx.Client(timeout=5) as client:
        redirect = client.get(f"{stack.http_url}/")
    assert redirect.status_code == 301


def test_the_gateway_balances_every_api_over_its_instances(stack: WebStack) -> None:
    """Issue 10, point 1: each service runs several API instances behind one upstream."""
    trust = ssl.create_default_context(cafile=stack.state / "gateway" / "localhost.crt")
    with httpx.Client(base_url=stack.url, verify=trust, timeout=5) as client:
        for service in SERVICES:
            for _ in range(4 * api_instances()):
                assert client.get(f"/api/{service}/healthz?balance").status_code == 200
    reached: dict[str, set[str]] = {service: set() for service in SERVICES}
    for line in (stack.state / "logs" / "gateway-access.log").read_text().splitlines():
        entry = json.loads(line)
        service = entry["path"].split("/")[2] if entry["path"].endswith("/healthz") else ""
        if service in reached:
            reached[service].add(entry["upstream"])
    instances = {
        service: {
            spec.url.removeprefix("http://")
            for spec in stack.process_specs()
            if (spec.service, spec.kind) == (service, "api")
        }
        for service in SERVICES
    }
    assert reached == instances


@pytest.mark.stops_the_stack
def test_down_leaves_no_process_port_or_pid_file(stack: WebStack) -> None:
    pids = pids_of(stack)
    everything = stack.supervised_specs()

    stopped = stack.stop()

    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert f"Stopped {len(everything)} processes" in stopped.stdout

    def left() -> dict[str, list[int]]:
        return {
            name: members for name, pid in pids.items() if (members := process_group_members(pid))
        }

    deadline = time.monotonic() + STOP_SECONDS
    while left() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left() == {}
    assert [port for port in stack.ports if port_is_open(port)] == []
    assert list((stack.state / "run").glob("*.pid")) == []
