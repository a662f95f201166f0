"""Installing a missing Debian package with apt, when this machine has apt and we are root."""

import os
import shutil
import subprocess
from collections.abc import Callable


class SystemPackageMissingError(RuntimeError):
    """A program is not installed and could not be, with what to do about it."""


def ensure_program(name: str, *, packages: list[str], find: Callable[[], str | None]) -> str:
    """The path ``find`` returns, after installing ``packages`` with apt-get when it is None."""
    found = find()
    if found:
        return found
    hint = f"Install it (sudo apt-get install {' '.join(packages)}) and try again."
    if not shutil.which("apt-get"):
        raise SystemPackageMissingError(
            f"{name} is not installed and this machine has no apt-get. {hint}"
        )
    if os.geteuid() != 0:
        raise SystemPackageMissingError(
            f"{name} is not installed and only root can install it. {hint}"
        )
    print(f"  {name} is missing: installing {' '.join(packages)}…", flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise SystemPackageMissingError(
                f"`{' '.join(command)}` failed: {' / '.join(output)}. {hint}"
            )
    found = find()
    if not found:
        raise SystemPackageMissingError(f"{' '.join(packages)} installed no {name}. {hint}")
    return found
