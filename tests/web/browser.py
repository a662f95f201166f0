"""What every browser test watches and can ask of a page: requests to other origins, console
errors, the not-found page, screenshots, and axe-core's serious and critical violations."""

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request

from tests.web.stack import ROOT

AXE_SOURCE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
NOT_FOUND_TITLE = "This page does not exist."
"""``error.notFound`` in English: the heading of the app's not-found pages."""
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
QUIET_SECONDS = 0.2
SETTLE_TIMEOUT_SECONDS = 15


def artifacts_folder() -> Path:
    configured = os.environ.get("SOKET_TEST_ARTIFACTS")
    base = Path(configured) if configured else ROOT / "test-artifacts"
    folder = base / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Watch:
    """Everything a browser context asked for and every console error its pages logged."""

    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    in_flight: dict[int, str] = field(default_factory=dict)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        self.in_flight[id(request)] = request.url

    def on_request_done(self, request: Request) -> None:
        self.in_flight.pop(id(request), None)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        location = message.location.get("url", "")
        # Logged out, the app's first refresh is refused (401): that is how it learns so.
        if location.endswith("/api/accounts/auth/refresh") and "401" in message.text:
            return
        self.console_errors.append(f"{message.text} ({location})")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self.on_request)
        context.on("requestfinished", self.on_request_done)
        context.on("requestfailed", self.on_request_done)
        context.on("page", self.attach_page)

    def attach_page(self, page: Page) -> None:
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    def foreign_requests(self) -> list[str]:
        """Requests to any origin but the gateway's HTTPS one (``data:`` and ``blob:`` are
        fine): the web app sends nobody's data elsewhere (P8)."""
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:")) and origin_of(url) != self.origin
        ]


def settle(page: Page, watch: Watch) -> None:
    """Until the page has loaded, no request has been under way for a moment (what it
    fetched has arrived) and nothing is marked busy: React has rendered what came."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + SETTLE_TIMEOUT_SECONDS
    quiet_since: float | None = None
    while True:
        now = time.monotonic()
        if watch.in_flight:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= QUIET_SECONDS:
            break
        assert now < deadline, f"still under way: {sorted(set(watch.in_flight.values()))}"
        page.wait_for_timeout(25)
    page.wait_for_function("() => !document.querySelector('[aria-busy=\"true\"]')")


def heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).first.inner_text(timeout=10_000).strip()


def screenshot_name(path: str, suffix: str = "") -> str:
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    return f"{name}{suffix}.png"


def screenshot(page: Page, name: str) -> Path:
    target = artifacts_folder() / name
    page.screenshot(path=str(target), full_page=True)
    return target


def axe_violations(page: Page, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core run in the page (its source evaluated: the CSP refuses inline script tags);
    the violations of these impacts, one line each with the offending elements."""
    page.evaluate(AXE_SOURCE.read_text())
    results: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [
        f"{found['id']} ({found['impact']}): {found['help']} at {json.dumps(found['nodes'])}"
        for found in results
        if found["impact"] in impacts
    ]
