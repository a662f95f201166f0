from assessments.settings import Settings
from assessments.tables import Base
from chassis.migrations import run_migrations

run_migrations(Base.metadata, Settings().database_url)
