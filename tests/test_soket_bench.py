"""./soket bench pipeline prints the pipeline's figure beside the raw broker's, and their ratio."""

from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.bench_support import bench


def test_bench_pipeline_prints_both_figures_and_the_ratio(
    infrastructure: TestInfrastructure,
) -> None:
    lines = bench(
        "pipeline", "--events", "300", timeout=180, RABBITMQ_URL=infrastructure.rabbitmq_url
    )
    assert lines[0].startswith("raw broker (aio-pika, quorum, persistent, confirms): 300 msgs")
    assert lines[1].startswith("pipeline (outbox → relay → broker → consumer")
    assert "batch handler" in lines[1]
    assert "per-event handler" in lines[2]
    assert lines[3].startswith("ratio: ")
