"""``./soket mail`` (the emails the development SES emulator took) and ``./soket doctor dns``
(SPF, DKIM and DMARC of the sending domain, P11); and how ``./soket up`` points delivery at
the emulator."""

import argparse
import os
import sys
from dataclasses import dataclass, field

import dns.exception
import dns.resolver
import httpx

from soket_cli.layout import process_specs

SES_EMULATOR = "ses_emulator"
SES_FEEDBACK_MX = "feedback-smtp.{region}.amazonses.com"


def emulator_url() -> str:
    [spec] = [s for s in process_specs() if s.service == "delivery" and s.kind == SES_EMULATOR]
    return spec.url


def use_ses_emulator() -> None:
    """Development: delivery sends through the SES emulator unless told otherwise."""
    os.environ.setdefault("DELIVERY_SES__ENDPOINT_URL", emulator_url())
    os.environ.setdefault("DELIVERY_SES__ACCESS_KEY_ID", "testing")
    os.environ.setdefault("DELIVERY_SES__SECRET_ACCESS_KEY", "testing")


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    mail = sub.add_parser("mail", help="the emails sent in development (subject, to, links)")
    mail.add_argument("--last", type=int, default=20, help="how many of the latest to show")
    doctor = sub.add_parser("doctor", help="check the setup")
    checks = doctor.add_subparsers(dest="check", required=True)
    dns_check = checks.add_parser("dns", help="SPF, DKIM and DMARC of a sending domain (P11)")
    dns_check.add_argument("domain")
    dns_check.add_argument("--mail-from", help="the custom MAIL FROM domain (mail.DOMAIN)")
    dns_check.add_argument(
        "--dkim-token", action="append", default=[], help="an Easy DKIM token (repeatable)"
    )
    dns_check.add_argument("--region", default="eu-west-1")
    dns_check.add_argument("--nameserver", help="ask this DNS server instead of the system's")
    dns_check.add_argument("--port", type=int, default=53)


def run(arguments: argparse.Namespace) -> int:
    if arguments.command == "mail":
        return show_mail(last=arguments.last)
    return doctor_dns(
        arguments.domain,
        mail_from=arguments.mail_from or f"mail.{arguments.domain}",
        dkim_tokens=arguments.dkim_token,
        region=arguments.region,
        resolver=make_resolver(arguments.nameserver, arguments.port),
    )


def show_mail(*, last: int) -> int:
    from delivery.testing.moto_ses import sent_emails

    url = os.environ.get("DELIVERY_SES__ENDPOINT_URL") or emulator_url()
    try:
        emails = sent_emails(url)
    except httpx.HTTPError:
        print(f"The SES emulator does not answer at {url}; start Soket with ./soket up.")
        return 1
    if not emails:
        print("No emails sent yet.")
        return 0
    for sent in emails[-last:]:
        print(f"{sent.subject}\n  to    {', '.join(sent.to)}")
        for link in sent.links:
            print(f"  link  {link}")
    print(f"\n{len(emails)} emails in all; the emulator keeps them until it stops.")
    return 0


@dataclass
class Finding:
    record: str
    ok: bool
    detail: str


@dataclass
class DnsReport:
    findings: list[Finding] = field(default_factory=list)

    def add(self, record: str, ok: bool, detail: str) -> None:
        self.findings.append(Finding(record, ok, detail))

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)


def make_resolver(nameserver: str | None, port: int) -> dns.resolver.Resolver:
    if nameserver is None:
        return dns.resolver.Resolver()
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [nameserver]
    resolver.port = port
    resolver.lifetime = 5.0
    return resolver


def _texts(resolver: dns.resolver.Resolver, name: str) -> list[str]:
    try:
        answer = resolver.resolve(name, "TXT")
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return []
    return [b"".join(record.strings).decode() for record in answer]


def _records(resolver: dns.resolver.Resolver, name: str, kind: str) -> list[str]:
    try:
        return [record.to_text() for record in resolver.resolve(name, kind)]
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return []


def check_domain(
    domain: str,
    *,
    mail_from: str,
    dkim_tokens: list[str],
    region: str,
    resolver: dns.resolver.Resolver,
) -> DnsReport:
    report = DnsReport()
    spf = [text for text in _texts(resolver, mail_from) if text.startswith("v=spf1")]
    if len(spf) != 1:
        report.add(f"SPF {mail_from}", False, f"expected one v=spf1 record, found {len(spf)}")
    else:
        has_ses = "include:amazonses.com" in spf[0].split()
        strict = spf[0].rstrip().endswith(("-all", "~all"))
        report.add(
            f"SPF {mail_from}",
            has_ses and strict,
            spf[0] if has_ses and strict else f"needs include:amazonses.com and ~all: {spf[0]}",
        )
    feedback = SES_FEEDBACK_MX.format(region=region)
    mx = _records(resolver, mail_from, "MX")
    report.add(
        f"MX {mail_from}",
        any(record.rstrip(".").endswith(feedback) for record in mx),
        ", ".join(mx) or f"missing: 10 {feedback}",
    )
    if not dkim_tokens:
        report.add("DKIM", False, "give the Easy DKIM tokens with --dkim-token (SES shows three)")
    for token in dkim_tokens:
        name = f"{token}._domainkey.{domain}"
        targets = _records(resolver, name, "CNAME")
        expected = f"{token}.dkim.amazonses.com"
        report.add(
            f"DKIM {name}",
            any(target.rstrip(".") == expected for target in targets),
            ", ".join(targets) or f"missing: CNAME {expected}",
        )
    dmarc = [t for t in _texts(resolver, f"_dmarc.{domain}") if t.startswith("v=DMARC1")]
    if len(dmarc) != 1:
        report.add(f"DMARC _dmarc.{domain}", False, f"expected one v=DMARC1, found {len(dmarc)}")
    else:
        tags = dict(part.strip().split("=", 1) for part in dmarc[0].split(";") if "=" in part)
        policy = tags.get("p", "")
        report.add(
            f"DMARC _dmarc.{domain}",
            policy in ("quarantine", "reject"),
            dmarc[0]
            if policy in ("quarantine", "reject")
            else f"p={policy or '?'} protects nothing",
        )
    return report


def doctor_dns(
    domain: str,
    *,
    mail_from: str,
    dkim_tokens: list[str],
    region: str,
    resolver: dns.resolver.Resolver,
) -> int:
    try:
        report = check_domain(
            domain, mail_from=mail_from, dkim_tokens=dkim_tokens, region=region, resolver=resolver
        )
    except dns.exception.DNSException as error:
        print(f"DNS did not answer: {error}", file=sys.stderr)
        return 1
    for finding in report.findings:
        print(f"  {'ok  ' if finding.ok else 'FAIL'}  {finding.record:<40} {finding.detail}")
    print("\nAll records are in place." if report.ok else "\nSee deploy/email/README.md.")
    return 0 if report.ok else 1
