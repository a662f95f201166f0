from chassis.migrations import run_migrations
from privacy.database import Base
from privacy.settings import Settings

run_migrations(Base.metadata, Settings().database_url)
