"""./soket bench pipeline prints the pipeline's figure beside the raw broker's, and their ratio."""

import os
import subprocess
import sys

from soket_cli.pytest_infrastructure import TestInfrastructure


def test_bench_pipeline_prints_both_figures_and_the_ratio(
    infrastructure: TestInfrastructure,
) -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "soket_cli", "bench", "pipeline", "--events", "300"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "RABBITMQ_URL": infrastructure.rabbitmq_url},
    )
    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.splitlines()
    assert lines[0].startswith("raw broker (aio-pika, quorum, persistent, confirms): 300 msgs")
    assert lines[1].startswith("pipeline (outbox → relay → broker → consumer")
    assert "batch handler" in lines[1]
    assert "per-event handler" in lines[2]
    assert lines[3].startswith("ratio: ")
