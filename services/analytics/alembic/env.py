from analytics.database import Base
from analytics.settings import Settings
from chassis.migrations import run_migrations

run_migrations(Base.metadata, Settings().database_url)
