"""One running system for the ``test_system_*`` modules, which need no settings of their own:
starting every process takes about 40 s, so they share it (each works with clients, people and
markers of its own). Modules that set their own settings, or stop the system, start their own."""

from collections.abc import Iterator

import pytest

from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import RunningSystem, module_system


@pytest.fixture(scope="session")
def shared_system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="system")
