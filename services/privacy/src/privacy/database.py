from uuid import UUID

from sqlalchemy.orm import DeclarativeBase

from chassis.database import service_metadata
from contracts.ids import uuid7


class Base(DeclarativeBase):
    metadata = service_metadata()


def new_id() -> UUID:
    return uuid7()
