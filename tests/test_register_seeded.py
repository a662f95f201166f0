"""A fresh install of privacy has the register of processing seeded by its migrations: the
product's own categories (P1), purposes with their bases (P2, Q1), Soket's role (Q11) and
processors (P7), and the processors agree with how delivery is configured."""

import asyncio
import json
import os
from typing import Any

import asyncpg
from alembic import command

from chassis.migrations import alembic_config, create_database_if_missing, drop_database
from chassis.migrations import upgrade as upgrade_to
from chassis.settings import async_database_url
from delivery.settings import EEA_SES_REGIONS, SesSettings
from soket_cli.layout import service_dir
from soket_cli.pytest_infrastructure import TestInfrastructure


async def read_register(url: str) -> dict[str, list[dict[str, Any]]]:
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        activities = await connection.fetch(
            "SELECT category_et, subject_kind, soket_role, purposes FROM register_activity "
            "ORDER BY id"
        )
        processors = await connection.fetch(
            "SELECT company, processed_in, countries, engaged_by, transfer FROM register_processor "
            "ORDER BY id"
        )
        links = await connection.fetchval("SELECT count(*) FROM register_activity_processor")
    finally:
        await connection.close()
    return {
        "activities": [
            {**row, "purposes": json.loads(row["purposes"])} for row in map(dict, activities)
        ],
        "processors": [
            {**row, "countries": json.loads(row["countries"])} for row in map(dict, processors)
        ],
        "links": [{"count": links}],
    }


async def register_tables(url: str) -> set[str]:
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        rows = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'register_%'"
        )
    finally:
        await connection.close()
    return {row["tablename"] for row in rows}


def test_fresh_install_seeds_the_register_p1_p2_p7_q1_q11(
    infrastructure: TestInfrastructure,
) -> None:
    url = async_database_url(
        infrastructure.postgres_url, f"{infrastructure.database_prefix}register_{os.getpid()}"
    )
    asyncio.run(create_database_if_missing(url))
    try:
        folder = service_dir("privacy")
        upgrade_to(folder, url)
        register = asyncio.run(read_register(url))

        roles = {
            row["category_et"]: (row["subject_kind"], row["soket_role"])
            for row in register["activities"]
        }
        assert roles == {
            "Kliendi esindaja e-posti aadress": ("client_user", "controller"),
            "Kliendi poolt edastatud Osalejate nimed ja e-posti aadressid": (
                "participant",
                "processor",
            ),
            "Kliendi poolt edastatud küsimused ja vastusevariandid": ("client_user", "processor"),
            "Osaleja poolt antud vastused, mis peegeldavad nende teadmisi või arvamusi": (
                "participant",
                "processor",
            ),
            "Hindamiste käigus tekkiv vastuste statistika": ("participant", "processor"),
            "Slackist laetud e-posti aadressid ning Slack ID": ("participant", "processor"),
        }
        bases = {
            purpose["purpose_et"]: purpose["legal_basis"]
            for row in register["activities"]
            for purpose in row["purposes"]
        }
        assert bases["Sõlmida Kliendiga lepinguid"] == "contract"
        assert bases["Pakkuda Kliendile ligipääsu Teenusele"] == "contract"
        assert bases["Arveldada Kliendiga"] == "contract"
        assert bases["Täita oma juriidilisi või lepingulisi kohustusi"] == "legal_obligation"
        assert bases["Realiseerida oma juriidilisi või lepingulisi õiguseid"] == (
            "legitimate_interest"
        )
        serving = "Pakkuda Kliendile oma teenust, sh edastada Kliendi loodud küsimusi Osalejatele"
        assert bases[serving] == "contract"

        processors = {row["company"]: row for row in register["processors"]}
        assert processors["Zone Media OÜ (Zone)"]["countries"] == ["EE", "NL"]
        ses = processors["Amazon Web Services (Amazon SES)"]
        assert ses["countries"] == ["IE"]
        assert ses["transfer"] is None
        delivery_region = SesSettings().region
        assert delivery_region in ses["processed_in"]
        assert delivery_region in EEA_SES_REGIONS
        slack = processors["Slack (Slack Technologies)"]
        assert slack["engaged_by"] == "client"
        assert slack["transfer"]
        assert register["links"] == [{"count": 12}]

        command.downgrade(alembic_config(folder, url), "0006")
        assert asyncio.run(register_tables(url)) == set()
        upgrade_to(folder, url)
        assert asyncio.run(read_register(url)) == register
    finally:
        asyncio.run(drop_database(url))
