"""Building the web app (web/) into web/dist, which the gateway serves.

npm installs exactly what web/package-lock.json pins; the build type-checks first
(``tsc --noEmit``), so a type error fails ``./soket up`` and ``./soket test`` alike.
Nothing is redone while web/dist is newer than every source file.
"""

import shutil
import subprocess
from pathlib import Path

from soket_cli.layout import repo_root
from soket_cli.system_packages import SystemPackageMissingError, ensure_program

MINIMUM_NODE_MAJOR = 20


class WebBuildError(RuntimeError):
    """The web app could not be built; the message says why."""


def web_dir() -> Path:
    return repo_root() / "web"


def ensure_node() -> str:
    node = ensure_program("Node.js", packages=["nodejs", "npm"], find=lambda: shutil.which("node"))
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    major = int(version.lstrip("v").split(".")[0] or 0)
    if major < MINIMUM_NODE_MAJOR:
        raise SystemPackageMissingError(
            f"the web app needs Node.js {MINIMUM_NODE_MAJOR} or newer; this machine has {version}."
        )
    return node


def ensure_chromium() -> str:
    """Debian's Chromium, which the browser tests drive through Playwright."""
    return ensure_program(
        "Chromium",
        packages=["chromium"],
        find=lambda: shutil.which("chromium") or shutil.which("chromium-browser"),
    )


def _newest(paths: list[Path]) -> float:
    return max((path.stat().st_mtime for path in paths if path.is_file()), default=0.0)


def _sources(folder: Path) -> list[Path]:
    names = ["index.html", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts"]
    return [folder / name for name in names] + [
        path for path in (folder / "src").rglob("*") if path.is_file()
    ]


def build_web(*, force: bool = False) -> Path:
    """web/dist, rebuilt when a source is newer; returns its folder."""
    folder = web_dir()
    dist = folder / "dist"
    installed = folder / "node_modules" / ".package-lock.json"
    try:
        ensure_node()
    except SystemPackageMissingError as error:
        raise WebBuildError(str(error)) from error
    npm = shutil.which("npm") or "npm"
    if not installed.is_file() or installed.stat().st_mtime < _newest(
        [folder / "package-lock.json"]
    ):
        print("  installing the web app's packages (npm ci)…", flush=True)
        _run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], folder)
    built = dist / "index.html"
    if force or not built.is_file() or built.stat().st_mtime < _newest(_sources(folder)):
        print("  building the web app (type check, then vite build)…", flush=True)
        _run([npm, "run", "--silent", "build"], folder)
    return dist


def _run(command: list[str], folder: Path) -> None:
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise WebBuildError(f"`{' '.join(command[1:])}` failed in {folder}:\n{output}")
