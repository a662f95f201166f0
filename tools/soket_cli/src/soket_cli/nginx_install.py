"""Finding nginx, and installing it with apt when it is missing and we may."""

import os
import shutil
import subprocess

from soket_cli.layout import nginx_path

PACKAGE = "nginx"


class NginxMissingError(RuntimeError):
    """nginx is not installed and could not be, with what to do about it."""


def ensure_nginx() -> str:
    """The path of nginx, installed with ``apt-get`` first when missing."""
    found = nginx_path()
    if found:
        return found
    hint = f"Install it (sudo apt-get install {PACKAGE}) and run ./soket up again."
    if not shutil.which("apt-get"):
        raise NginxMissingError(f"nginx is not installed and this machine has no apt-get. {hint}")
    if os.geteuid() != 0:
        raise NginxMissingError(f"nginx is not installed and only root can install it. {hint}")
    print(f"  nginx is missing: installing the {PACKAGE} package…", flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", PACKAGE],
    ):
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise NginxMissingError(f"`{' '.join(command)}` failed: {' / '.join(output)}. {hint}")
    found = nginx_path()
    if not found:
        raise NginxMissingError(f"the {PACKAGE} package installed no nginx command. {hint}")
    return found
