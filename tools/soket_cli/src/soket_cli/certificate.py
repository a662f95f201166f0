"""The gateway's self-signed development certificate for ``localhost`` and ``127.0.0.1``."""

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from soket_cli.layout import gateway_dir

VALID_DAYS = 365
RENEW_BEFORE = datetime.timedelta(days=14)
HOST_NAMES = ("localhost",)
ADDRESSES = (ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1"))


@dataclass(frozen=True)
class CertificateFiles:
    certificate: Path
    key: Path


def certificate_files(folder: Path | None = None) -> CertificateFiles:
    folder = folder or gateway_dir()
    return CertificateFiles(folder / "localhost.crt", folder / "localhost.key")


def ensure_certificate(folder: Path | None = None) -> tuple[CertificateFiles, bool]:
    """The certificate in ``folder``, made anew unless the present one is still good;
    returns the files and whether they were made now."""
    files = certificate_files(folder)
    if _still_good(files):
        return files, False
    key = ec.generate_private_key(ec.SECP256R1())
    files.certificate.parent.mkdir(parents=True, exist_ok=True)
    files.key.touch(mode=0o600, exist_ok=True)
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    certificate = _self_signed(key)
    files.certificate.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return files, True


def _self_signed(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Soket development (localhost)")])
    now = datetime.datetime.now(datetime.UTC)
    names: list[x509.GeneralName] = [x509.DNSName(host) for host in HOST_NAMES]
    names += [x509.IPAddress(address) for address in ADDRESSES]
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )


def _still_good(files: CertificateFiles) -> bool:
    """Readable, for the expected names, matching its key and not about to expire."""
    try:
        certificate = x509.load_pem_x509_certificate(files.certificate.read_bytes())
        key = serialization.load_pem_private_key(files.key.read_bytes(), password=None)
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except (OSError, ValueError, x509.ExtensionNotFound):
        return False
    expected = {*HOST_NAMES, *map(str, ADDRESSES)}
    present = {*names.value.get_values_for_type(x509.DNSName)}
    present |= {str(address) for address in names.value.get_values_for_type(x509.IPAddress)}
    remaining = certificate.not_valid_after_utc - datetime.datetime.now(datetime.UTC)
    return (
        expected <= present
        and remaining > RENEW_BEFORE
        and key.public_key() == certificate.public_key()
    )
