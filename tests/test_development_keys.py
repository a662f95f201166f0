"""./soket up generates development keys once, into the git-ignored state folder."""

import os
import stat
from pathlib import Path

import pytest

from chassis.privacy.keys import generate_development_keys
from soket_cli.development_keys import keys_file, load_development_keys


@pytest.fixture
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOKET_STATE_DIR", str(tmp_path))
    for name in generate_development_keys():
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("clean_environment")
def test_keys_are_generated_once_readable_only_by_their_owner_and_reused() -> None:
    first = load_development_keys()
    assert set(first) == set(generate_development_keys())
    assert stat.S_IMODE(keys_file().stat().st_mode) == 0o600
    assert load_development_keys() == first
    assert all(os.environ[name] == value for name, value in first.items())


@pytest.mark.usefixtures("clean_environment")
def test_a_key_set_in_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBJECT_REF_KEY", "from-the-environment")
    load_development_keys()
    assert os.environ["SUBJECT_REF_KEY"] == "from-the-environment"
