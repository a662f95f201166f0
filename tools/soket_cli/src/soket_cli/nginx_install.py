"""Finding nginx, and installing it with apt when it is missing and we may."""

from soket_cli.layout import nginx_path
from soket_cli.system_packages import SystemPackageMissingError, ensure_program

NginxMissingError = SystemPackageMissingError


def ensure_nginx() -> str:
    """The path of nginx, installed with ``apt-get`` first when missing."""
    return ensure_program("nginx", packages=["nginx"], find=nginx_path)
