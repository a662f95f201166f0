"""Without PostgreSQL or RabbitMQ the run fails, saying what to start; nothing is skipped."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

NEEDS_INFRASTRUCTURE = """
def test_uses_the_database(infrastructure):
    pass
"""


def run_pytest_with(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    test_file = tmp_path / "test_needs_infrastructure.py"
    test_file.write_text(NEEDS_INFRASTRUCTURE)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "soket_cli.pytest_infrastructure", str(test_file)],
        cwd=tmp_path,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "unreachable", "expected"),
    [
        ("POSTGRES_URL", "postgresql://postgres@127.0.0.2:1", ["PostgreSQL does not answer"]),
        ("RABBITMQ_URL", "amqp://guest:guest@127.0.0.2:1/", ["RabbitMQ does not answer"]),
    ],
)
def test_unreachable_infrastructure_fails_the_run_saying_what_to_start(
    tmp_path: Path, variable: str, unreachable: str, expected: list[str]
) -> None:
    result = run_pytest_with(tmp_path, **{variable: unreachable})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for text in [*expected, variable, "Start it"]:
        assert text in output
    assert "skipped" not in output
