"""``./soket <command>``: the one entry point for people and CI."""

import argparse
import sys

from soket_cli import (
    admin_commands,
    backup_commands,
    bench_command,
    commands,
    delivery_commands,
    messaging_commands,
    privacy_commands,
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="soket", description="Run and test Soket.")
    sub = root.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="migrate and start every service; Ctrl-C stops them")
    up.add_argument("--detach", action="store_true", help="return once everything is ready")
    sub.add_parser("down", help="stop every process ./soket up started")
    sub.add_parser("status", help="health and readiness of every process")
    logs = sub.add_parser("logs", help="a service's logs (all its processes)")
    logs.add_argument("service")
    logs.add_argument("-f", "--follow", action="store_true")
    sub.add_parser("migrate", help="create and migrate every service's database")
    test = sub.add_parser("test", help="ruff, mypy, import-linter, then every test")
    test.add_argument("pytest_arguments", nargs=argparse.REMAINDER)
    messaging_commands.add_parsers(sub)
    bench_command.add_parser(sub)
    admin_commands.add_parser(sub)
    delivery_commands.add_parsers(sub)
    privacy_commands.add_parser(sub)
    backup_commands.add_parsers(sub)
    return root


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    match arguments.command:
        case "up":
            return commands.up(detach=arguments.detach)
        case "down":
            return commands.down()
        case "status":
            return commands.status()
        case "logs":
            return commands.logs(service=arguments.service, follow=arguments.follow)
        case "migrate":
            return commands.migrate()
        case "test":
            return commands.test(arguments.pytest_arguments)
        case "topology" | "dlq":
            return messaging_commands.run(arguments)
        case "bench":
            return bench_command.run(arguments)
        case "mail" | "doctor":
            return delivery_commands.run(arguments)
        case "admin":
            return admin_commands.run(arguments)
        case "privacy":
            return privacy_commands.run(arguments)
        case "backup" | "restore":
            return backup_commands.run(arguments)
    return 2


if __name__ == "__main__":
    sys.exit(main())
