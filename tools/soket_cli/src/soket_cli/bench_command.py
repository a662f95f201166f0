"""``./soket bench <name>``: a benchmark from ``bench/``, beside its raw baseline."""

import argparse
import asyncio
import importlib
import sys

from soket_cli.infrastructure import InfrastructureMissingError, ensure_infrastructure
from soket_cli.layout import repo_root

BENCHMARKS = ("pipeline", "analytics", "fanout", "answers")


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    bench = sub.add_parser("bench", help="measure a benchmark beside its raw baseline")
    bench.add_argument("name", choices=BENCHMARKS)
    bench.add_argument("--events", type=int, default=20_000)


def run(arguments: argparse.Namespace) -> int:
    try:
        found = ensure_infrastructure()
    except InfrastructureMissingError as error:
        print(error, file=sys.stderr)
        return 1
    sys.path.insert(0, str(repo_root()))
    benchmark = importlib.import_module(f"bench.{arguments.name}")
    asyncio.run(benchmark.run(found.postgres_url, found.rabbitmq_url, events=arguments.events))
    return 0
