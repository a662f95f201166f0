"""P1: Soket collects only the client representative's email, participants' names and
emails given by the client, questions, answers and statistics. Every text column of every
service's database whose name says it could hold something about a person is listed here
with why it may exist; a new one fails until it is justified (or removed)."""

import re

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from chassis.settings import service_database_url
from soket_cli.layout import SERVICES
from soket_cli.pytest_infrastructure import TestInfrastructure

PERSONAL_LOOKING = re.compile(
    r"name|mail|address|phone|mobile|birth|title|avatar|image|photo|gender|location|"
    r"profile|display|first|last|ip_|_ip$|zone"
)

ALLOWED: dict[tuple[str, str, str], str] = {
    ("accounts", "user_account", "email"): "the client representative's email (P1)",
    ("accounts", "user_account", "name"): "the user's own name, which they read and correct",
    ("accounts", "single_use_token", "new_email"): "an email change waiting for verification",
    ("accounts", "client", "organisation_name"): "the client, an organisation",
    ("accounts", "client", "time_zone"): "the client's setting",
    ("assessments", "participant", "name"): "a participant's name given by the client (P1)",
    ("assessments", "participant", "email"): "a participant's email given by the client (P1)",
    ("assessments", "participant_group", "name"): "a group the client named",
    ("assessments", "assessment", "title"): "the client's quiz",
    ("assessments", "client_settings", "time_zone"): "the client's setting",
    ("delivery", "slack_member", "email"): "a Slack member's email, to link participants (P4)",
    ("delivery", "message", "address_hash"): "a hash, never the address",
    ("delivery", "suppressed_address", "address_hash"): "a hash, never the address",
    ("privacy", "data_subject_request", "email"): "the subject's, while the request is open",
    ("privacy", "data_subject_request", "corrected_email"): "a rectification, while open",
    ("privacy", "data_subject_request", "corrected_name"): "a rectification, while open",
    ("privacy", "request_intake", "email"): "until the code is checked and requests open",
    ("privacy", "request_intake", "corrected_email"): "until the requests open",
    ("privacy", "request_intake", "corrected_name"): "until the requests open",
    ("privacy", "intake_submission", "address_hash"): "a keyed hash, for the intake throttle",
    ("privacy", "backup_record", "name"): "a backup's folder name (its time), no person",
}

TEXT_TYPES = ("character varying", "text", "character")


async def personal_looking_text_columns(service: str) -> set[tuple[str, str, str]]:
    url = make_url(service_database_url(service)).set(drivername="postgresql")
    connection = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        rows = await connection.fetch(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = ANY($1::text[])
            """,
            list(TEXT_TYPES),
        )
    finally:
        await connection.close()
    return {
        (service, row["table_name"], row["column_name"])
        for row in rows
        if PERSONAL_LOOKING.search(row["column_name"])
    }


@pytest.mark.parametrize("service", SERVICES)
async def test_p1_no_service_stores_personal_fields_beyond_the_policy(
    infrastructure: TestInfrastructure, service: str
) -> None:
    found = await personal_looking_text_columns(service)
    assert {column for column in ALLOWED if column[0] == service} <= found, "a stale entry"
    unexplained = found - ALLOWED.keys()
    assert not unexplained, (
        f"columns that may hold personal data the privacy policy does not list: {unexplained}"
    )
