from analytics.settings import Settings
from analytics.tables import metadata
from chassis.migrations import run_migrations

run_migrations(metadata, Settings().database_url)
