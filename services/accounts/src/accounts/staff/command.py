"""``./soket admin create-privacy-officer EMAIL`` runs this (the CLI imports it by name)."""

import asyncio
from datetime import timedelta

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.exc import SQLAlchemyError

from accounts.emails import Email
from accounts.errors import AccountsError
from accounts.settings import Settings
from accounts.staff.service import privacy_officer_password_link
from chassis.database import Database


class StaffCommandError(Exception):
    """What to tell the person at the terminal."""


def create_privacy_officer(email: str, settings: Settings | None = None) -> str:
    """Makes (or finds) the privacy officer; returns the one-time link that sets their
    password. Nothing is emailed: the link is for the person running the command to hand on."""
    settings = settings or Settings()
    try:
        address = TypeAdapter(Email).validate_python(email)
    except ValidationError as error:
        raise StaffCommandError(error.errors()[0]["msg"]) from None
    return asyncio.run(_create(address, settings))


async def _create(address: str, settings: Settings) -> str:
    database = Database(settings.database_url, pool_size=1)
    try:
        async with database.sessions() as session, session.begin():
            return await privacy_officer_password_link(
                session,
                email=address,
                base_url=settings.public_base_url,
                lifetime=timedelta(seconds=settings.staff_password_link_ttl_seconds),
            )
    except AccountsError as error:
        raise StaffCommandError(error.detail) from None
    except (OSError, SQLAlchemyError) as error:
        raise StaffCommandError(
            f"accounts' database cannot be used ({type(error).__name__}); "
            "run `./soket migrate` (or `./soket up`) first"
        ) from None
    finally:
        await database.dispose()
