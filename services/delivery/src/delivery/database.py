from sqlalchemy.orm import DeclarativeBase

from chassis.database import service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata()


def load_models() -> None:
    """Imports every model so ``Base.metadata`` knows every table (Alembic, tests)."""
    import delivery.consent.models
    import delivery.messages.models
    import delivery.slack.models
    import delivery.suppression.models  # noqa: F401
