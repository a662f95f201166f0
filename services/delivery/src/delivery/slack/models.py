"""Slack workspaces: installations (no user data), the member directory (id + email only),
OAuth states, and the event and request ids already seen."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, Index, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from delivery.database import Base


class SlackInstallation(Base):
    """A workspace that installed the app for one client: nothing about the installer."""

    __tablename__ = "slack_installation"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[UUID] = mapped_column(index=True)
    bot_user_id: Mapped[str] = mapped_column(String(32))
    bot_token_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    """AES-256-GCM: 12-byte nonce, then ciphertext and tag."""
    scopes: Mapped[str] = mapped_column(String(512))
    installed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    members_synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SlackMember(Base):
    """A reachable member: Slack id and email, nothing else from Slack (P4)."""

    __tablename__ = "slack_member"
    __table_args__ = (Index("ix_slack_member_tenant_subject", "tenant_id", "subject_ref"),)

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[UUID]
    email: Mapped[str] = mapped_column(String(320))
    subject_ref: Mapped[str] = mapped_column(String(56))
    dm_channel_id: Mapped[str | None] = mapped_column(String(32))
    """The DM opened once with ``conversations.open``."""
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class SlackOAuthState(Base):
    """An install in progress: which client started it, until when."""

    __tablename__ = "slack_oauth_state"

    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant_id: Mapped[UUID]
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SlackSeenRequest(Base):
    """An event id or a signed request already taken: retries and replays are skipped."""

    __tablename__ = "slack_seen_request"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )
