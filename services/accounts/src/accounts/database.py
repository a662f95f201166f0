from sqlalchemy.orm import DeclarativeBase

from chassis.database import service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata()
