"""``./soket doctor dns`` reads SPF, DKIM and DMARC from a tiny local DNS server (P11)."""

import socket
import threading
from collections.abc import Iterator

import dns.message
import dns.rrset
import pytest

from soket_cli.delivery_commands import check_domain, make_resolver

TOKENS = ["abcdefgh1", "abcdefgh2", "abcdefgh3"]
GOOD_ZONE = {
    ("mail.soket.ee.", "TXT"): ['"v=spf1 include:amazonses.com ~all"'],
    ("mail.soket.ee.", "MX"): ["10 feedback-smtp.eu-west-1.amazonses.com."],
    **{
        (f"{token}._domainkey.soket.ee.", "CNAME"): [f"{token}.dkim.amazonses.com."]
        for token in TOKENS
    },
    ("_dmarc.soket.ee.", "TXT"): ['"v=DMARC1; p=quarantine; rua=mailto:dmarc@soket.ee"'],
}


class TinyDns:
    """Answers UDP queries from a dict of (name, type) → record texts."""

    def __init__(self, zone: dict[tuple[str, str], list[str]]) -> None:
        self.zone = zone
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port: int = self.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._running = True

    def _serve(self) -> None:
        self.socket.settimeout(0.2)
        while self._running:
            try:
                wire, client = self.socket.recvfrom(4096)
            except TimeoutError:
                continue
            query = dns.message.from_wire(wire)
            response = dns.message.make_response(query)
            question = query.question[0]
            kind = dns.rdatatype.to_text(question.rdtype)
            records = self.zone.get((question.name.to_text(), kind))
            if records:
                response.answer.append(
                    dns.rrset.from_text_list(question.name, 300, "IN", kind, records)
                )
            elif not any(name == question.name.to_text() for name, _ in self.zone):
                response.set_rcode(dns.rcode.NXDOMAIN)
            self.socket.sendto(response.to_wire(), client)

    def __enter__(self) -> "TinyDns":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._running = False
        self._thread.join()
        self.socket.close()


@pytest.fixture
def good_dns() -> Iterator[TinyDns]:
    with TinyDns(GOOD_ZONE) as server:
        yield server


def test_a_well_configured_domain_passes_every_check(good_dns: TinyDns) -> None:
    report = check_domain(
        "soket.ee",
        mail_from="mail.soket.ee",
        dkim_tokens=TOKENS,
        region="eu-west-1",
        resolver=make_resolver("127.0.0.1", good_dns.port),
    )
    assert [(f.record, f.ok) for f in report.findings] == [
        ("SPF mail.soket.ee", True),
        ("MX mail.soket.ee", True),
        *((f"DKIM {token}._domainkey.soket.ee", True) for token in TOKENS),
        ("DMARC _dmarc.soket.ee", True),
    ]
    assert report.ok


def test_missing_and_weak_records_are_reported() -> None:
    zone = {
        ("mail.soket.ee.", "TXT"): ['"v=spf1 +all"'],
        ("_dmarc.soket.ee.", "TXT"): ['"v=DMARC1; p=none"'],
        (f"{TOKENS[0]}._domainkey.soket.ee.", "CNAME"): ["elsewhere.example."],
    }
    with TinyDns(zone) as server:
        report = check_domain(
            "soket.ee",
            mail_from="mail.soket.ee",
            dkim_tokens=TOKENS[:2],
            region="eu-west-1",
            resolver=make_resolver("127.0.0.1", server.port),
        )
    failed = {finding.record: finding.detail for finding in report.findings if not finding.ok}
    assert set(failed) == {
        "SPF mail.soket.ee",
        "MX mail.soket.ee",
        f"DKIM {TOKENS[0]}._domainkey.soket.ee",
        f"DKIM {TOKENS[1]}._domainkey.soket.ee",
        "DMARC _dmarc.soket.ee",
    }
    assert "p=none" in failed["DMARC _dmarc.soket.ee"]
    assert not report.ok
