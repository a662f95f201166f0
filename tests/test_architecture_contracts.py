"""The import-linter contracts of pyproject.toml pass here and really catch violations."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
PACKAGES = ("contracts", "chassis", "accounts", "assessments", "delivery", "analytics", "privacy")


def importlinter_config() -> str:
    """The project's own contracts, as an .importlinter file."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    lines = ["[importlinter]", "root_packages =", *(f"    {p}" for p in settings["root_packages"])]
    for number, contract in enumerate(settings["contracts"]):
        lines += ["", f"[importlinter:contract:{number}]"]
        for key, value in contract.items():
            if isinstance(value, list):
                lines += [f"{key} =", *(f"    {item}" for item in value)]
            else:
                lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    config = tree / ".importlinter"
    config.write_text(importlinter_config())
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(config), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )


def make_tree(tmp_path: Path, imports: dict[str, str]) -> Path:
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(imports.get(package, ""))
    return tmp_path


def test_the_repository_keeps_its_contracts() -> None:
    result = subprocess.run([LINT_IMPORTS], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert "3 kept, 0 broken" in result.stdout


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    result = lint(make_tree(tmp_path, {"accounts": "import chassis\nimport contracts\n"}))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("importer", "statement", "broken"),
    [
        ("accounts", "import assessments\n", "No service imports another service"),
        ("chassis", "import privacy\n", "Shared libs never import a service"),
        ("contracts", "import chassis\n", "Contracts hold schemas only"),
    ],
)
def test_each_violation_is_caught(
    tmp_path: Path, importer: str, statement: str, broken: str
) -> None:
    result = lint(make_tree(tmp_path, {importer: statement}))
    assert result.returncode != 0
    assert broken in result.stdout
    assert "BROKEN" in result.stdout
