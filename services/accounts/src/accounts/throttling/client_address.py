"""The address a request comes from: the peer, or what the trusted gateway says it saw."""

from fastapi import Request


def client_address(request: Request, *, trusted_proxies: tuple[str, ...]) -> str:
    """The peer's address; behind a trusted proxy, the last ``X-Forwarded-For`` entry (the one
    the proxy itself appended: earlier entries are whatever the client sent)."""
    peer = request.client.host if request.client else "unknown"
    if peer not in trusted_proxies:
        return peer
    forwarded = request.headers.get("x-forwarded-for", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    return entries[-1] if entries else peer
