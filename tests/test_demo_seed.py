"""What ``./soket up`` prints of the demo (issue 10) when it skips it (``SOKET_DEMO=0``), refuses
it (production) or cannot seed it (no system answers); none needs a running system. The seed
itself, on a running system (both logins, the participants, questions, quiz and daily
questions, the answers in analytics, seeding again changing nothing): tests/web/test_demo.py,
on the browser tests' stack."""

import pytest

from soket_cli import demo
from soket_cli.demo_api import DemoTarget
from soket_cli.demo_content import Seeded
from soket_cli.layout import SERVICES


def test_up_skips_the_demo_when_told_and_in_production(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(*_: object, **__: object) -> Seeded:
        raise AssertionError("seeded")

    monkeypatch.setattr(demo, "seed", never)
    monkeypatch.setenv("SOKET_DEMO", "0")
    assert demo.seed_for_up() is False
    assert capsys.readouterr().out == "Demo data\n  skipped (SOKET_DEMO=0)\n"

    monkeypatch.delenv("SOKET_DEMO")
    monkeypatch.setenv("SOKET_ENVIRONMENT", "production")
    assert demo.seed_for_up() is False
    assert capsys.readouterr().out == (
        "Demo data\n  not seeded: SOKET_ENVIRONMENT is production "
        "(demo logins have a known password)\n"
    )


def test_up_says_so_when_the_demo_cannot_be_seeded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = "http://127.0.0.1:1"
    monkeypatch.setattr(
        demo,
        "local_target",
        lambda: DemoTarget(dict.fromkeys(SERVICES, nowhere), nowhere),
    )
    monkeypatch.delenv("SOKET_DEMO", raising=False)
    monkeypatch.delenv("SOKET_ENVIRONMENT", raising=False)

    assert demo.seed_for_up() is False

    out = capsys.readouterr().out
    assert "  the demo could not be seeded: the SES emulator does not answer" in out
    assert "Demo login" not in out
    assert "Traceback" not in out
