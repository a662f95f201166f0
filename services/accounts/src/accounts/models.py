"""Every table of accounts, imported together so the metadata and migrations see them all."""

from accounts.clients.models import Client
from accounts.links.models import SingleUseToken
from accounts.sessions.models import RefreshToken
from accounts.signing.models import SigningKeyRecord
from accounts.throttling.models import LoginFailure
from accounts.users.models import User

__all__ = ["Client", "LoginFailure", "RefreshToken", "SigningKeyRecord", "SingleUseToken", "User"]
