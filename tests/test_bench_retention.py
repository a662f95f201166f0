"""./soket bench retention (P17) prints, per retention category, the service's own run beside
the bare statement on a copy of the same rows, and their ratio."""

import re

from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.bench_support import bench

CATEGORIES = (
    "delivery_log",
    "answers",
    "answer_tokens",
    "dispatches",
    "per_person_statistics",
    "refresh_tokens",
)


def test_bench_retention_prints_the_service_and_the_raw_figure_per_category_p17(
    infrastructure: TestInfrastructure,
) -> None:
    lines = bench(
        "retention", "--rows", "200", timeout=300, POSTGRES_URL=infrastructure.postgres_url
    )
    assert lines[0].startswith("seeded 200 rows per category")
    figures = {line.split(" ", 1)[0]: line for line in lines[1:]}
    assert tuple(figures) == CATEGORIES
    for category, line in figures.items():
        assert re.search(r"service apply [\d,.]+ ms = [\d,]+ rows/s", line), line
        assert re.search(r"raw (DELETE|UPDATE) [\d,.]+ ms, ratio [\d.]+x", line), line
        assert re.search(r"service dry run [\d,.]+ ms \(raw count [\d,.]+ ms", line), line
        touched = 200 if category == "dispatches" else 100  # a dispatch's token goes with it
        assert line.split(": ", 1)[1].startswith(f"{touched:,} rows touched"), line
