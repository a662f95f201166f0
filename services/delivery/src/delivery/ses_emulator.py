"""Development only: moto's server standing in for Amazon SES (``./soket up`` supervises it).

It answers ``/healthz`` and ``/readyz`` like every other process, verifies the sending domain
once it is up, and keeps every email it is given (``./soket mail`` lists them).
"""

import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

from delivery.testing.moto_ses import prepare_sending_identity

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def with_probes(app: Wsgi) -> Wsgi:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path in ("/healthz", "/readyz"):
            body = (
                {"status": "alive"}
                if path == "/healthz"
                else {"status": "ready", "checks": {"emulator": "ok"}}
            )
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(body).encode()]
        return app(environ, start_response)

    return serve


def main() -> None:
    if os.environ.get("SOKET_ENVIRONMENT") == "production":
        sys.exit("the SES emulator is for development and tests, never production")
    port = int(os.environ.get("SOKET_PROBE_PORT", "5000"))
    url = f"http://127.0.0.1:{port}"
    threading.Thread(target=_prepare_when_up, args=(url,), daemon=True).start()
    run_simple(
        "127.0.0.1",
        port,
        with_probes(DomainDispatcherApplication(create_backend_app)),
        threaded=True,
        use_reloader=False,
    )


def _prepare_when_up(url: str) -> None:
    import time

    import httpx

    for _ in range(300):
        try:
            httpx.get(f"{url}/healthz", timeout=1)
        except httpx.HTTPError:
            time.sleep(0.1)
            continue
        prepare_sending_identity(url)
        return


if __name__ == "__main__":
    main()
