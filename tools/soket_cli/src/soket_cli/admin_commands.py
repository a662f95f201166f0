"""``./soket admin …``: platform administration that has no web page."""

import argparse
import importlib
import sys

CREATE_PRIVACY_OFFICER_HELP = """\
Make EMAIL a privacy officer (platform staff, tied to no client) in accounts' database, and
print a one-time link, valid for 24 hours (ACCOUNTS_STAFF_PASSWORD_LINK_TTL_SECONDS), where
they set their own password. No email is sent and no password passes through the terminal:
hand the link to the person. Running it again for the same address prints a fresh link
(the earlier one stops working)."""


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    admin = sub.add_parser("admin", help="platform administration")
    action = admin.add_subparsers(dest="admin_command", required=True)
    officer = action.add_parser(
        "create-privacy-officer",
        help="make a privacy officer and print their one-time password link",
        description=CREATE_PRIVACY_OFFICER_HELP,
    )
    officer.add_argument("email")


def run(arguments: argparse.Namespace) -> int:
    # Imported by name: the CLI depends on no service.
    command = importlib.import_module("accounts.staff.command")
    try:
        link = command.create_privacy_officer(arguments.email)
    except command.StaffCommandError as error:
        print(f"Not done: {error}", file=sys.stderr)
        return 1
    print(f"{arguments.email} is a privacy officer. One-time link to set the password:")
    print(link)
    return 0
