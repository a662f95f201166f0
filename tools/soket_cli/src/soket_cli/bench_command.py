"""``./soket bench <name>``: a benchmark from ``bench/``, beside its raw baseline."""

import argparse
import asyncio
import importlib
import sys

from soket_cli.infrastructure import InfrastructureMissingError, ensure_infrastructure
from soket_cli.layout import repo_root

BENCHMARKS = ("pipeline", "analytics", "fanout", "answers", "dsr", "retention")


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    bench = sub.add_parser("bench", help="measure a benchmark beside its raw baseline")
    bench.add_argument("name", choices=BENCHMARKS)
    bench.add_argument("--events", type=int, default=20_000)
    bench.add_argument("--requests", type=int, help="dsr: sequential erasures (default 200)")
    bench.add_argument("--rows", type=int, help="retention: rows per category (default 100,000)")


def run(arguments: argparse.Namespace) -> int:
    try:
        found = ensure_infrastructure()
    except InfrastructureMissingError as error:
        print(error, file=sys.stderr)
        return 1
    sys.path.insert(0, str(repo_root()))
    benchmark = importlib.import_module(f"bench.{arguments.name}")
    if arguments.name == "dsr":
        asyncio.run(
            benchmark.run(found.postgres_url, found.rabbitmq_url, requests=arguments.requests)
        )
        return 0
    if arguments.name == "retention":
        asyncio.run(benchmark.run(found.postgres_url, found.rabbitmq_url, rows=arguments.rows))
        return 0
    asyncio.run(benchmark.run(found.postgres_url, found.rabbitmq_url, events=arguments.events))
    return 0
