"""Runs ``./soket bench …`` as a user would."""

import os
import subprocess
import sys


def bench(*arguments: str, timeout: float, **environment: str) -> list[str]:
    """The lines a successful ``./soket bench *arguments`` printed, ``environment`` added."""
    finished = subprocess.run(
        [sys.executable, "-m", "soket_cli", "bench", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **environment},
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.splitlines()
