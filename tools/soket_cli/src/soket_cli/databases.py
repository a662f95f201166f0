"""Every service's own database: created when missing, migrated to the latest revision."""

import asyncio

from chassis.migrations import create_database_if_missing, upgrade
from chassis.settings import service_database_url
from soket_cli.layout import SERVICES, service_dir


def prepare_databases(*, quiet: bool = False) -> None:
    for service in SERVICES:
        url = service_database_url(service)
        created = asyncio.run(create_database_if_missing(url))
        upgrade(service_dir(service), url)
        if not quiet:
            print(f"  {service:<12} database {'created and ' if created else ''}migrated")
