"""Development keys: generated once into the state folder, given to every process started.

A variable already set in the environment wins, so real keys come from the environment.
"""

import os
from pathlib import Path

from chassis.privacy.keys import generate_development_keys
from soket_cli.layout import state_dir

KEYS_FILE = "development-keys.env"


def keys_file() -> Path:
    return state_dir() / KEYS_FILE


def load_development_keys() -> dict[str, str]:
    """The keys from the state folder, generating any that are missing; sets unset variables."""
    path = keys_file()
    keys = _read(path) if path.exists() else {}
    missing = {
        name: value for name, value in generate_development_keys().items() if name not in keys
    }
    if missing:
        keys.update(missing)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)
        path.write_text("".join(f"{name}={value}\n" for name, value in sorted(keys.items())))
    for name, value in keys.items():
        os.environ.setdefault(name, value)
    return keys


def _read(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}
