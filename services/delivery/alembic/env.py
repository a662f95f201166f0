from chassis.migrations import run_migrations
from delivery.database import Base, load_models
from delivery.settings import Settings

load_models()
run_migrations(Base.metadata, Settings().database_url)
