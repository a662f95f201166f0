from chassis.migrations import run_migrations
from delivery.database import Base
from delivery.settings import Settings

run_migrations(Base.metadata, Settings().database_url)
