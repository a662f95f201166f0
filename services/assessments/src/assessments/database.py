from typing import cast
from uuid import UUID

from sqlalchemy import Table
from sqlalchemy.orm import DeclarativeBase

from chassis.database import service_metadata
from contracts.ids import uuid7


class Base(DeclarativeBase):
    metadata = service_metadata()


def new_id() -> UUID:
    return uuid7()


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements run with many rows at once (executemany)."""
    return cast(Table, model.__table__)
