from sqlalchemy import Table
from sqlalchemy.orm import DeclarativeBase

from chassis.database import service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata()


def table_of(model: type[Base]) -> Table:
    """The Core table behind a mapped class, typed as one."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table
