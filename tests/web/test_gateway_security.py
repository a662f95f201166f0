"""The gateway's promises as a browser meets them (issue 10): TLS everywhere with HSTS and a
redirect from plain HTTP (P10), security headers on the web app's pages and on API answers,
and no cookie but the refresh token's (P8: nothing about anyone kept in the browser or sent
elsewhere; Q16: no tracking cookie, so there is no cookie consent to ask for)."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.conftest import OpenContext
from tests.web.stack import Staff, WebStack

PAGES = ["/", "/login", "/signup", "/privacy-policy", "/data-request", "/app/participants"]
"""Web app paths (the gateway answers each with index.html)."""
API_ANSWERS = {
    "/api/accounts/.well-known/jwks.json": 200,
    "/api/privacy/public/policies": 200,
    "/api/accounts/me": 401,
    "/api/assessments/participants": 401,
    "/api/accounts/no-such-route": 404,
}
"""API paths and the status they answer without a token."""


LOCAL_STORAGE = {"soket.language": {"en", "et"}, "soket.session": {"1"}}
"""All the web app keeps in the browser besides the cookie, as the privacy policy's cookie
statement says: the chosen language, and a mark that this browser has logged in."""


def gateway_client(stack: WebStack) -> httpx.Client:
    return httpx.Client(base_url=stack.url, verify=False, timeout=10)


def assert_security_headers(response: httpx.Response) -> None:
    where = f"{response.request.method} {response.request.url.path}"
    headers = response.headers
    hsts = headers.get("strict-transport-security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age, (where, hsts)
    assert int(max_age.group(1)) >= 31_536_000, (where, hsts)
    assert "includeSubDomains" in hsts, (where, hsts)
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in headers.get("content-security-policy", "").split(";")
        if directive.strip()
    }
    assert policy.get("default-src") == ["'self'"], (where, policy)
    assert policy.get("script-src") == ["'self'"], (where, policy)
    assert policy.get("style-src") == ["'self'"], (where, policy)
    assert policy.get("frame-ancestors") == ["'none'"], (where, policy)
    assert policy.get("object-src") == ["'none'"], (where, policy)
    assert headers.get("x-frame-options") == "DENY", where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("referrer-policy") == "no-referrer", where


def test_p10_security_headers_on_every_page_asset_and_api_answer(stack: WebStack) -> None:
    """P10: HSTS, a CSP allowing only this origin (no framing), X-Frame-Options,
    nosniff and no referrer on the pages, their built assets and the APIs' answers, errors
    included."""
    with gateway_client(stack) as gateway:
        for path in PAGES:
            page = gateway.get(path)
            assert page.status_code == 200, path
            assert page.headers["content-type"].startswith("text/html"), path
            assert_security_headers(page)
        index = gateway.get("/").text
        assets = re.findall(r'(?:src|href)="(/assets/[^"]+)"', index)
        assert assets, index
        for asset in assets:
            answer = gateway.get(asset)
            assert answer.status_code == 200, asset
            assert_security_headers(answer)
        for path, expected in API_ANSWERS.items():
            answer = gateway.get(path)
            assert answer.status_code == expected, (path, answer.text[:300])
            assert_security_headers(answer)


@pytest.mark.parametrize("path", ["/", "/login?next=%2Fapp", "/api/accounts/readyz", "/a/x"])
def test_p10_plain_http_is_redirected_permanently_to_https(stack: WebStack, path: str) -> None:
    """P10: the HTTP port serves nothing but a 301 to the same path over HTTPS."""
    with httpx.Client(timeout=10) as plain:
        answer = plain.get(f"{stack.http_url}{path}")
    assert answer.status_code == 301
    https_port = stack.url.rsplit(":", 1)[1]
    assert answer.headers["location"] == f"https://127.0.0.1:{https_port}{path}"


def test_p10_p8_q16_a_logged_in_browser_holds_only_the_refresh_cookie(
    open_context: OpenContext, client_admin: Staff
) -> None:
    """P10, P8, Q16: after logging in through the login page, the browser's only cookie is the
    refresh token's (HttpOnly: no script reads it; Secure: never over plain HTTP;
    SameSite=Strict; limited to the auth routes), local storage holds no more than the cookie
    statement names, and a reload keeps the session (the access token lives in memory only)."""
    context = open_context().context
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(client_admin.email)
    page.get_by_label("Password").fill(client_admin.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/app"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    cookies = context.cookies()
    assert [cookie["name"] for cookie in cookies] == ["soket_refresh"], cookies
    [refresh] = cookies
    assert refresh["httpOnly"] is True
    assert refresh["secure"] is True
    assert refresh["sameSite"] == "Strict"
    assert refresh["path"] == "/api/accounts/auth"
    assert page.evaluate("document.cookie") == ""
    stored = page.evaluate("Object.fromEntries(Object.entries(window.localStorage))")
    assert set(stored) <= set(LOCAL_STORAGE), stored
    assert all(stored[key] in LOCAL_STORAGE[key] for key in stored), stored
    assert page.evaluate("window.sessionStorage.length") == 0

    page.reload()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert [cookie["name"] for cookie in context.cookies()] == ["soket_refresh"]
