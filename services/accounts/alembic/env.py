import accounts.models  # noqa: F401 (every table joins the metadata)
from accounts.database import Base
from accounts.settings import Settings
from chassis.migrations import run_migrations

run_migrations(Base.metadata, Settings().database_url)
