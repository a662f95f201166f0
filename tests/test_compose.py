"""The container files, checked without a Docker engine.

docker-compose.yml must follow the Compose specification (check-jsonschema's vendored
compose-spec schema, offline), run only modules that exist, and start every process of
every service; the Dockerfile must run them as a non-root user.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
POSTGRES_INIT = ROOT / "deploy" / "postgres" / "init.sql"

SERVICES = ("accounts", "assessments", "delivery", "analytics", "privacy")
PROCESSES = ("api", "worker", "relay")
EXTRA_PROCESSES = {
    "assessments": ("scheduler",),
    "privacy": ("scheduler",),
    "delivery": ("sender",),
}
"""Processes only some services run (``./soket up`` also runs a development SES emulator)."""
API_HOST_PORTS = {
    "accounts": 8010,
    "assessments": 8020,
    "delivery": 8030,
    "analytics": 8040,
    "privacy": 8050,
}
PROBE_PORT = "9000"
SOKET_UID = 10001


def load_yaml(path: Path) -> Any:
    # The parser check-jsonschema itself uses: YAML merge keys (<<) resolved the same way.
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def dump_yaml(data: Any, path: Path) -> None:
    YAML(typ="safe", pure=True).dump(data, path)


def compose() -> dict[str, Any]:
    data = load_yaml(COMPOSE_FILE)
    assert isinstance(data, dict), "docker-compose.yml is not a mapping"
    return data


def soket_processes() -> dict[str, dict[str, Any]]:
    """The compose services that run the Soket image (everything but the infrastructure)."""
    return {name: service for name, service in compose()["services"].items() if "build" in service}


def check_jsonschema_command() -> list[str]:
    if importlib.util.find_spec("check_jsonschema.__main__") is not None:
        return [sys.executable, "-m", "check_jsonschema"]
    script = Path(sys.executable).with_name("check-jsonschema")
    if script.exists():
        return [str(script)]
    pytest.fail("check-jsonschema is missing: it is a dev dependency, run `uv sync`")


def validate_compose(path: Path) -> subprocess.CompletedProcess[str]:
    # Any attempt to reach the network goes to a closed port and fails: the vendored
    # schema must be enough.
    offline = {
        **os.environ,
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "ALL_PROXY": "http://127.0.0.1:9",
        "NO_PROXY": "",
    }
    return subprocess.run(
        [*check_jsonschema_command(), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env=offline,
    )


# --- (a, b) the Compose specification ----------------------------------------------------


def test_compose_file_follows_the_compose_specification() -> None:
    result = validate_compose(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "version" not in compose(), "the Compose specification has no `version:` key"


def _ports_not_a_list(data: dict[str, Any]) -> None:
    data["services"]["accounts-api"]["ports"] = "not-a-list"


def _unknown_top_level_key(data: dict[str, Any]) -> None:
    data["servicez"] = {"accounts-api": {"image": "soket:local"}}


def _misspelt_service_key(data: dict[str, Any]) -> None:
    data["services"]["accounts-worker"]["commmand"] = ["python", "-m", "accounts.worker"]


def _unknown_depends_on_condition(data: dict[str, Any]) -> None:
    data["services"]["accounts-relay"]["depends_on"]["migrate"]["condition"] = "service_done"


def _healthcheck_test_not_a_command(data: dict[str, Any]) -> None:
    data["services"]["postgres"]["healthcheck"]["test"] = {"cmd": "pg_isready"}


@pytest.mark.parametrize(
    "breakage",
    [
        _ports_not_a_list,
        _unknown_top_level_key,
        _misspelt_service_key,
        _unknown_depends_on_condition,
        _healthcheck_test_not_a_command,
    ],
    ids=lambda breakage: breakage.__name__.strip("_"),
)
def test_a_broken_compose_file_is_rejected(
    tmp_path: Path, breakage: Callable[[dict[str, Any]], None]
) -> None:
    data = compose()
    breakage(data)
    broken = tmp_path / "docker-compose.yml"
    dump_yaml(data, broken)

    result = validate_compose(broken)

    assert result.returncode != 0, f"accepted a broken file:\n{broken.read_text()}"
    # Rejected by the schema, not because the file could not be read.
    assert "Schema validation errors were encountered" in result.stdout, (
        result.stdout + result.stderr
    )


# --- (c) every module the compose file runs exists ---------------------------------------


def modules_run_by_compose() -> list[str]:
    """`python -m X` and `uvicorn --factory X:create_app` modules, in file order."""
    modules: list[str] = []
    for service in soket_processes().values():
        command = service["command"]
        if command[:2] == ["python", "-m"]:
            modules.append(command[2])
        elif command[0] == "uvicorn":
            modules.append("uvicorn")
            factory = command[command.index("--factory") + 1]
            module, _, attribute = factory.partition(":")
            assert attribute == "create_app", f"{factory}: the factory is create_app"
            modules.append(module)
        else:
            pytest.fail(f"unexpected command {command}: expected `python -m` or uvicorn")
    return list(dict.fromkeys(modules))


def runnable(module: str) -> bool:
    """True when `python -m <module>` would find something to run."""
    try:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.submodule_search_locations is not None:
            spec = importlib.util.find_spec(f"{module}.__main__")
    except ModuleNotFoundError:
        return False
    return spec is not None


@pytest.mark.parametrize("module", modules_run_by_compose())
def test_every_module_run_by_compose_exists(module: str) -> None:
    assert runnable(module), f"docker-compose.yml runs `{module}`, which cannot be found"


# --- (d) the image ------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, comments dropped and continuation lines joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not pending):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
        pending = ""
    assert not pending, "the Dockerfile ends in a continuation line"
    return instructions


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def test_the_image_runs_as_a_non_root_user() -> None:
    stage = final_stage()
    users = [arguments for keyword, arguments in stage if keyword == "USER"]
    assert users, "the final stage sets no USER: the processes would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}, f"the final stage runs as {users[-1]}"

    if not user.isdigit():
        creates = [
            arguments
            for keyword, arguments in stage
            if keyword == "RUN" and "useradd" in arguments and re.search(rf"\b{user}\b", arguments)
        ]
        assert creates, f"USER {user} is not created in the final stage"
        uid = re.search(r"--uid[ =](\d+)", creates[-1])
        assert uid, f"the user {user} is created without a fixed uid"
        user = uid.group(1)
    assert int(user) == SOKET_UID, f"the service user's uid is {user}, expected {SOKET_UID}"


def test_the_image_holds_no_secrets() -> None:
    secretish = re.compile(r"KEY|SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL", re.IGNORECASE)
    for keyword, arguments in dockerfile_instructions():
        if keyword in {"ENV", "ARG"}:
            names = re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)", arguments)
            assert not any(secretish.search(name) for name in names), f"{keyword} {arguments}"


def test_the_image_copies_every_workspace_manifest_before_the_sources() -> None:
    """The dependency layer is built from the manifests alone: a workspace member missing
    from that list would break `uv sync --frozen` or silently defeat the layer cache."""
    workspace = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    members = sorted(
        member.relative_to(ROOT).as_posix()
        for pattern in workspace["tool"]["uv"]["workspace"]["members"]
        for member in ROOT.glob(pattern)
        if (member / "pyproject.toml").is_file()
    )
    assert members, "no workspace members found"
    copies = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "COPY"]
    for member in members:
        assert any(f"{member}/pyproject.toml" in copy for copy in copies), (
            f"the Dockerfile does not COPY {member}/pyproject.toml before `uv sync`"
        )


# --- (e) every process of every service -------------------------------------------------


def test_compose_runs_every_process_of_every_service() -> None:
    expected = {
        f"{service}-{process}"
        for service in SERVICES
        for process in (*PROCESSES, *EXTRA_PROCESSES.get(service, ()))
    }
    services = compose()["services"]
    assert expected <= services.keys(), f"missing: {sorted(expected - services.keys())}"
    assert set(soket_processes()) == expected | {"migrate"}
    assert {"postgres", "rabbitmq"} <= services.keys()


@pytest.mark.parametrize("service", SERVICES)
def test_each_process_runs_its_own_entry_point(service: str) -> None:
    services = compose()["services"]
    api = services[f"{service}-api"]
    assert api["command"] == [
        "uvicorn",
        "--factory",
        f"{service}.main:create_app",
        "--host",
        "0.0.0.0",
        "--port",
        "8000",
    ]
    assert api["ports"] == [f"127.0.0.1:{API_HOST_PORTS[service]}:8000"]
    assert "8000/readyz" in " ".join(api["healthcheck"]["test"])

    for process in ("worker", "relay", *EXTRA_PROCESSES.get(service, ())):
        entry = services[f"{service}-{process}"]
        assert entry["command"] == ["python", "-m", f"{service}.{process}"]
        assert entry["environment"]["SOKET_PROBE_PORT"] == PROBE_PORT
        # The chassis binds probes to 127.0.0.1 unless told otherwise.
        assert entry["environment"]["SOKET_PROBE_HOST"] == "0.0.0.0"
        assert "SOKET_PROBE_PORT" in " ".join(entry["healthcheck"]["test"])
        assert "ports" not in entry


@pytest.mark.parametrize("service", SERVICES)
def test_each_process_sees_its_own_database_only(service: str) -> None:
    services = compose()["services"]
    own = f"{service.upper()}_DATABASE_URL"
    for process in PROCESSES:
        environment = services[f"{service}-{process}"]["environment"]
        assert environment[own].endswith(f"/soket_{service}")
        assert environment[own].startswith("postgresql+asyncpg://")
        assert environment["RABBITMQ_URL"].startswith("amqp://")
        assert environment["SOKET_ENVIRONMENT"]
        others = {key for key in environment if key.endswith("_DATABASE_URL")} - {own}
        assert not others, f"{service}-{process} is given another service's database: {others}"
        assert "POSTGRES_URL" not in environment


def test_services_start_after_the_migrations_and_healthy_infrastructure() -> None:
    services = compose()["services"]
    migrate = services["migrate"]
    assert migrate["command"] == ["python", "-m", "soket_cli", "migrate"]
    # soket_cli checks that PostgreSQL and RabbitMQ both answer before it migrates.
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert migrate["depends_on"]["rabbitmq"]["condition"] == "service_healthy"
    assert migrate["environment"]["POSTGRES_URL"] == "postgresql://postgres:postgres@postgres:5432"
    for service in SERVICES:
        assert migrate["environment"][f"{service.upper()}_DATABASE_URL"].endswith(
            f"/soket_{service}"
        )

    for service in SERVICES:
        for process in PROCESSES:
            entry = services[f"{service}-{process}"]
            depends_on = entry["depends_on"]
            assert depends_on["migrate"]["condition"] == "service_completed_successfully"
            assert depends_on["postgres"]["condition"] == "service_healthy"
            assert depends_on["rabbitmq"]["condition"] == "service_healthy"
            assert entry["healthcheck"]["test"][0] == "CMD"

    for infrastructure in ("postgres", "rabbitmq"):
        assert services[infrastructure]["healthcheck"]["test"], infrastructure


def test_postgres_creates_every_service_database() -> None:
    postgres = compose()["services"]["postgres"]
    assert postgres["image"] == "postgres:15"
    mounts = [volume.split(":") for volume in postgres["volumes"]]
    init_mounts = [m for m in mounts if m[1].startswith("/docker-entrypoint-initdb.d/")]
    assert init_mounts, "deploy/postgres/init.sql is not mounted into the postgres container"
    assert (ROOT / init_mounts[0][0]).resolve() == POSTGRES_INIT.resolve()

    created = set(re.findall(r"CREATE DATABASE (\w+);", POSTGRES_INIT.read_text(encoding="utf-8")))
    assert created == {f"soket_{service}" for service in SERVICES}
