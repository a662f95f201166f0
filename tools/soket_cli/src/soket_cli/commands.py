"""The subcommands of ``./soket``."""

import signal
import subprocess
import sys
import threading
from pathlib import Path

from soket_cli import delivery_commands, demo, messaging_commands, supervisor
from soket_cli.certificate import ensure_certificate
from soket_cli.databases import prepare_databases
from soket_cli.development_keys import keys_file, load_development_keys
from soket_cli.gateway import access_log_file, check_config, local_config, write_config
from soket_cli.infrastructure import InfrastructureMissingError, ensure_infrastructure
from soket_cli.layout import (
    SERVICES,
    GatewaySpec,
    SupervisedSpec,
    gateway_spec,
    process_specs,
    repo_root,
    supervised_specs,
)
from soket_cli.nginx_install import ensure_nginx
from soket_cli.system_packages import SystemPackageMissingError
from soket_cli.web_build import WebBuildError, build_web, ensure_chromium

READY_TIMEOUT_SECONDS = 120.0


def up(*, detach: bool) -> int:
    specs = supervised_specs()
    already = [spec.name for spec in specs if supervisor.running_pid(spec)]
    if already:
        print(f"Soket is already running ({len(already)} processes); `./soket status` shows them.")
        return 0
    print("Infrastructure")
    try:
        ensure_infrastructure()
        nginx = ensure_nginx()
    except (InfrastructureMissingError, SystemPackageMissingError) as error:
        print(f"  {error}", file=sys.stderr)
        return 1
    print(f"  PostgreSQL and RabbitMQ answer; nginx is {nginx}")
    print("Web app")
    try:
        print(f"  {build_web()} is up to date")
    except WebBuildError as error:
        print(f"  {error}", file=sys.stderr)
        return 1
    taken = [
        (port, spec.name) for spec in specs for port in spec.ports if supervisor.port_in_use(port)
    ]
    if taken:
        names = ", ".join(f"{port} ({name})" for port, name in taken)
        print(f"  Ports in use by another program: {names}.", file=sys.stderr)
        print("  Stop it, or choose other ports with SOKET_PORT_BASE.", file=sys.stderr)
        return 1
    try:
        started = _migrate_and_start(specs, nginx=nginx)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping what had started…")
        down()
        return 130
    if not started:
        return 1
    if detach:
        print("\nStop everything with ./soket down.")
        return 0
    stop_requested = _stop_on_interrupt()
    print("\nCtrl-C stops everything.")
    while not stop_requested.wait(0.2):
        pass
    print("\nStopping…")
    return down()


def _migrate_and_start(specs: list[SupervisedSpec], *, nginx: str) -> bool:
    print("Databases")
    prepare_databases()
    if messaging_commands.declare_broker_topology():
        print("  the broker's exchanges, queues and bindings declared")
    load_development_keys()
    delivery_commands.use_ses_emulator()
    print(f"  development keys in {keys_file()} (variables already set win)")
    gateway = gateway_spec()
    if not _prepare_gateway(gateway, nginx=nginx):
        return False
    print("Processes")
    for spec in specs:
        supervisor.start(spec)
    statuses = supervisor.wait_until_ready(specs, seconds=READY_TIMEOUT_SECONDS)
    _print_statuses(statuses)
    if not all(status.ready for status in statuses):
        print("\nSome processes did not become ready; their logs: ./soket logs <service>")
        for status in statuses:
            if not status.ready:
                _print_log_tail(supervisor.log_file(status.spec))
        down()
        return False
    print(f"\nSoket is up. Open {gateway.url}")
    print("  (a self-signed development certificate: your browser asks you to accept it once)")
    print("Service APIs, directly:")
    for spec in process_specs():
        if spec.kind == "api":
            print(f"  {spec.service:<12} {spec.url}/docs")
    print()
    demo.seed_for_up()
    return True


def _prepare_gateway(gateway: GatewaySpec, *, nginx: str) -> bool:
    """The certificate (made once, then reused) and the checked nginx configuration."""
    print("Gateway")
    certificate, made = ensure_certificate()
    print(f"  {'made' if made else 'reusing'} the certificate {certificate.certificate}")
    config = local_config(gateway, certificate)
    problem = check_config(write_config(config), nginx)
    if problem:
        print(f"  nginx refuses {config.config_file}:\n{problem}", file=sys.stderr)
        return False
    print(f"  {config.config_file} serves {config.web_root}")
    return True


def _stop_on_interrupt() -> threading.Event:
    """Ctrl-C (SIGINT) and SIGTERM from now on ask for a clean stop instead of raising."""
    requested = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda _signum, _frame: requested.set())
    return requested


def down() -> int:
    stopped = supervisor.stop_all(supervised_specs())
    print(f"Stopped {len(stopped)} processes." if stopped else "Nothing was running.")
    return 0


def status() -> int:
    statuses = supervisor.statuses()
    _print_statuses(statuses)
    return 0 if all(status.ready for status in statuses) else 1


def _print_statuses(statuses: list[supervisor.ProcessStatus]) -> None:
    for item in statuses:
        state = "ready" if item.ready else ("alive" if item.alive else "down")
        pid = item.pid or "-"
        print(f"  {item.spec.name:<22} pid {pid!s:<8} {item.spec.url:<24} {state:<6} {item.detail}")


def _print_log_tail(path: Path, *, lines: int = 15) -> None:
    if not path.exists():
        return
    print(f"\nThe end of {path}:")
    for line in path.read_text(errors="replace").splitlines()[-lines:]:
        print(f"  {line[:500]}")


def logs(*, service: str, follow: bool) -> int:
    """A service's processes' logs, or the gateway's error and access logs."""
    if service not in (*SERVICES, GatewaySpec.name):
        names = ", ".join((*SERVICES, GatewaySpec.name))
        print(f"Unknown service {service!r}; one of: {names}", file=sys.stderr)
        return 2
    if service == GatewaySpec.name:
        files = [str(supervisor.log_file(gateway_spec())), str(access_log_file())]
    else:
        files = [
            str(supervisor.log_file(spec)) for spec in process_specs() if spec.service == service
        ]
    existing = [name for name in files if Path(name).exists()]
    if not existing:
        print(f"No logs for {service} yet; start Soket with ./soket up.")
        return 1
    return subprocess.call(["tail", "-n", "100", *(["-F"] if follow else []), *existing])


def migrate() -> int:
    try:
        ensure_infrastructure()
    except InfrastructureMissingError as error:
        print(error, file=sys.stderr)
        return 1
    prepare_databases()
    return 0 if messaging_commands.declare_broker_topology() else 1


def test(pytest_arguments: list[str]) -> int:
    """Linters, type checks, architecture contracts, then every test, in one go."""
    bin_dir = Path(sys.executable).parent
    print("== web app (npm ci, type check, build) and the browser", flush=True)
    try:
        build_web()
        ensure_chromium()
    except (WebBuildError, SystemPackageMissingError) as error:
        print(error, file=sys.stderr)
        return 1
    steps = [
        ("ruff", [str(bin_dir / "ruff"), "check", "."]),
        ("ruff format", [str(bin_dir / "ruff"), "format", "--check", "."]),
        ("mypy", [str(bin_dir / "mypy")]),
        ("import-linter", [str(bin_dir / "lint-imports")]),
        ("pytest", [sys.executable, "-m", "pytest", *pytest_arguments]),
    ]
    for title, command in steps:
        print(f"\n== {title}", flush=True)
        code = subprocess.call(command, cwd=repo_root())
        if code != 0:
            print(f"\n{title} failed (exit {code}).", file=sys.stderr)
            return code
    return 0
