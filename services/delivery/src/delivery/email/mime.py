"""Raw MIME: text and HTML parts, Message-ID and the one-click unsubscribe headers (RFC 8058).

The shape never changes (multipart/alternative, two quoted-printable UTF-8 parts), so it is
written directly: the ``email`` package's generator took most of a send's CPU time. Tests
read the result back with the ``email`` package's parser.
"""

import binascii
import secrets
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime, make_msgid, parseaddr

from delivery.email.rendering import RenderedEmail

CRLF = "\r\n"


def domain_of(address: str) -> str:
    return parseaddr(address)[1].rsplit("@", 1)[-1]


def _header_value(value: str) -> str:
    """ASCII as it is; anything else as RFC 2047 encoded words."""
    if value.isascii():
        return value
    return Header(value, "utf-8").encode(linesep=CRLF)


def _address(value: str) -> str:
    name, address = parseaddr(value)
    if not name:
        return address
    if not name.isascii():
        return f"{_header_value(name)} <{address}>"
    if name.replace(" ", "").isalnum():
        return f"{name} <{address}>"
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}" <{address}>'


def _quoted_printable(text: str) -> str:
    normalised = text.replace("\r\n", "\n").replace("\n", CRLF).encode()
    return binascii.b2a_qp(normalised, quotetabs=False, istext=True).decode("ascii")


def _part(subtype: str, body: str) -> str:
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"{CRLF}'
        f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}"
        f"{_quoted_printable(body)}{CRLF}"
    )


def build_email(
    *,
    from_address: str,
    to: str,
    rendered: RenderedEmail,
    unsubscribe_url: str | None,
    message_id: str | None = None,
) -> tuple[str, bytes]:
    """(Message-ID, the whole message as 7-bit bytes with CRLF line ends)."""
    message_id = message_id or make_msgid(domain=domain_of(from_address))
    boundary = f"=_soket_{secrets.token_hex(16)}"
    headers = [
        f"From: {_address(from_address)}",
        f"To: {to}",
        f"Subject: {_header_value(rendered.subject)}",
        f"Date: {format_datetime(datetime.now(UTC))}",
        f"Message-ID: {message_id}",
    ]
    if unsubscribe_url:
        headers += [
            f"List-Unsubscribe: <{unsubscribe_url}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        ]
    headers += ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"']
    raw = (
        CRLF.join(headers)
        + CRLF
        + CRLF
        + f"--{boundary}{CRLF}"
        + _part("plain", rendered.text)
        + f"--{boundary}{CRLF}"
        + _part("html", rendered.html)
        + f"--{boundary}--{CRLF}"
    )
    return message_id, raw.encode("ascii")
