"""Without PostgreSQL or RabbitMQ the run fails, saying what to start; nothing is skipped."""

import os
import subprocess
import sys
from pathlib import Path

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


def test_unreachable_postgres_fails_the_run_with_what_to_start(tmp_path: Path) -> None:
    result = run_pytest_with(tmp_path, POSTGRES_URL="postgresql://postgres@127.0.0.2:1")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "PostgreSQL does not answer" in output
    assert "POSTGRES_URL" in output
    assert "skipped" not in output


def test_unreachable_rabbitmq_fails_the_run_with_what_to_start(tmp_path: Path) -> None:
    result = run_pytest_with(tmp_path, RABBITMQ_URL="amqp://guest:guest@127.0.0.2:1/")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "RabbitMQ does not answer" in output
    assert "rabbitmq-server" in output
    assert "skipped" not in output
