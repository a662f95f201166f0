"""Retention (P17): each data service's own ``apply_retention``, per category, beside a bare
statement on an identical copy of the same rows, measured in the same run.

Each data service's database is migrated on a scratch database (its own prefix per run) and
seeded straight through SQL with ``--rows`` rows in each category's table, every other row
older than the cutoff (the rows one second, two seconds … either side of it, interleaved on
disk). Every timing then runs on a fresh copy of that database (``CREATE DATABASE … TEMPLATE``):

- the service: the participant's ``apply_retention`` in one transaction, commit included, as
  the privacy handler calls it (``dry_run`` first, then for real), with a legal hold on one
  client and one person that match none of the seeded rows, so the hold's conditions are paid
  for but every row older than the cutoff is due;
- the raw baseline, on another copy: ``SELECT count(*)`` and ``DELETE FROM <table> WHERE
  <time column> < $1`` through asyncpg alone, each in one transaction; for a category that
  anonymises, also the bare ``UPDATE`` that clears the same columns (the ratio is taken
  against the statement of the same kind).

The run stops if the service and the raw statement touched different numbers of rows. Each
figure is the median of ``--repeats`` runs, each on new copies; service and raw take turns
going first.

    .venv/bin/python -m bench.retention [--rows N] [--repeats N]
"""

import argparse
import asyncio
import base64
import os
import secrets
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import asyncpg

from accounts.privacy.participant import AccountsParticipant
from analytics.privacy.participant import AnalyticsPrivacy
from assessments.privacy.participant import AssessmentsPrivacy
from chassis.database import Database, plain_dsn
from chassis.migrations import create_database_if_missing, drop_database, upgrade
from chassis.privacy.participant import Erasure, PrivacyParticipant
from chassis.settings import DEFAULT_POSTGRES_URL, async_database_url
from contracts.events.privacy import RetentionAction, RetentionCategory, RetentionDue
from delivery.privacy.participant import DeliveryParticipant
from soket_cli.layout import service_dir

DEFAULT_ROWS = 100_000
DEFAULT_REPEATS = 3
RETENTION_DAYS = 90
PARTICIPANTS = 1000
QUESTIONS = 10
COPY_ATTEMPTS = 20


@dataclass(frozen=True)
class Category:
    """One retention category as one service holds it, and the table its bare statement hits."""

    category: RetentionCategory
    action: RetentionAction
    service: str
    table: str
    time_column: str
    participant: Callable[[], PrivacyParticipant]
    cleared_columns: tuple[str, ...] = ()
    """What the bare ``UPDATE`` sets to NULL when the category anonymises."""

    @property
    def anonymises(self) -> bool:
        return self.action is RetentionAction.ANONYMISE


CATEGORIES = (
    Category(
        RetentionCategory.DELIVERY_LOG,
        RetentionAction.DELETE,
        "delivery",
        "message",
        "created_at",
        DeliveryParticipant,
    ),
    Category(
        RetentionCategory.ANSWERS,
        RetentionAction.ANONYMISE,
        "assessments",
        "answer",
        "answered_at",
        AssessmentsPrivacy,
        ("participant_id", "subject_ref", "dispatch_id"),
    ),
    Category(
        RetentionCategory.ANSWER_TOKENS,
        RetentionAction.DELETE,
        "assessments",
        "answer_token",
        "expires_at",
        AssessmentsPrivacy,
    ),
    Category(
        RetentionCategory.DISPATCHES,
        RetentionAction.DELETE,
        "assessments",
        "dispatch",
        "created_at",
        AssessmentsPrivacy,
    ),
    Category(
        RetentionCategory.PER_PERSON_STATISTICS,
        RetentionAction.ANONYMISE,
        "analytics",
        "answer_fact",
        "answered_at",
        AnalyticsPrivacy,
        ("subject_ref", "dispatch_id"),
    ),
    Category(
        RetentionCategory.REFRESH_TOKENS,
        RetentionAction.DELETE,
        "accounts",
        "refresh_token",
        "created_at",
        AccountsParticipant,
    ),
)

# --- seeding ------------------------------------------------------------------------------------

SEED = """
CREATE TEMP TABLE seed AS
SELECT n, $1::timestamptz AS cutoff, $3::uuid AS tenant_id,
       $1::timestamptz + (CASE WHEN n % 2 = 0 THEN -1 ELSE 1 END) * (1 + n / 2)
                         * interval '1 second' AS at
FROM generate_series(1, $2::int) AS n
"""
"""Row ``n`` is ``n/2 + 1`` seconds before the cutoff when ``n`` is even, after it when odd."""

PEOPLE = f"generate_series(0, {PARTICIPANTS - 1}) AS p"
ONE = "FROM seed WHERE n = 1"

SERVICE_SEEDS: dict[str, tuple[str, ...]] = {
    "delivery": (
        """INSERT INTO message (id, tenant_id, kind, reference_id, channel, subject_ref,
               email_fallback, state, attempts, created_at, updated_at)
           SELECT gen_random_uuid(), tenant_id, 'notice', gen_random_uuid(), 'email',
               'ref' || n % 1000, false, 'delivered', 1, at, at
           FROM seed""",
    ),
    "assessments": (
        f"""INSERT INTO assessment (id, tenant_id, kind, title, status, channels, email_fallback,
               show_correct, max_reminders, closes_at)
            SELECT md5('assessment')::uuid, tenant_id, 'quiz', 'Bench quiz', 'closed',
               '{{email}}', false, false, 0, cutoff - interval '30 days' {ONE}""",
        f"""INSERT INTO question (id, tenant_id, kind, text, topics, report_count)
            SELECT md5('q' || q)::uuid, tenant_id, 'single_choice', 'Küsimus ' || q, '{{}}', 0
            FROM seed, generate_series(0, {QUESTIONS - 1}) AS q WHERE n = 1""",
        f"""INSERT INTO participant (id, tenant_id, name, email, subject_ref, language,
               email_unsubscribed)
            SELECT md5('p' || p)::uuid, tenant_id, 'Bench ' || p, 'bench.' || p || '@example.ee',
               'ref' || p, 'et', false
            FROM seed, {PEOPLE} WHERE n = 1""",
        f"""INSERT INTO dispatch (id, tenant_id, assessment_id, participant_id, kind, slot_key,
               local_date, due_at, status, issued_at, reminders_sent, created_at)
            SELECT md5('d' || n)::uuid, tenant_id, md5('assessment')::uuid,
               md5('p' || n % {PARTICIPANTS})::uuid, 'quiz', 's' || n, at::date, at, 'issued',
               at, 0, at
            FROM seed""",
        """INSERT INTO answer_token (token_hash, tenant_id, dispatch_id, expires_at, created_at)
           SELECT sha256(('t' || n)::bytea), tenant_id, md5('d' || n)::uuid, at, at FROM seed""",
        f"""INSERT INTO answer (id, tenant_id, assessment_id, question_id, dispatch_id,
               participant_id, subject_ref, chosen_option_ids, correct, channel, answered_at,
               answered_on, time_to_answer_ms)
            SELECT md5('a' || n)::uuid, tenant_id, md5('assessment')::uuid,
               md5('q' || n % {QUESTIONS})::uuid, md5('d' || n)::uuid,
               md5('p' || n % {PARTICIPANTS})::uuid, 'ref' || n % {PARTICIPANTS}, '{{}}', true,
               'email', at, at::date, 1000
            FROM seed""",
    ),
    "analytics": (
        f"""INSERT INTO answer_fact (tenant_id, assessment_id, question_id, dispatch_id,
               subject_ref, chosen_option_ids, correct, free_text_given, time_to_answer_ms,
               answered_at, answered_on, topics, group_ids)
            SELECT tenant_id, md5('assessment')::uuid, md5('q' || n % {QUESTIONS})::uuid,
               md5('d' || n)::uuid, 'ref' || n % {PARTICIPANTS}, '{{}}', true, false, 1000, at,
               at::date, '{{}}', '{{}}'
            FROM seed""",
    ),
    "accounts": (
        f"""INSERT INTO client (tenant_id, organisation_name, time_zone, language)
            SELECT tenant_id, 'Bench OÜ', 'Europe/Tallinn', 'et' {ONE}""",
        f"""INSERT INTO user_account (id, tenant_id, email, name, role, subject_ref)
            SELECT md5('u' || p)::uuid, tenant_id, 'bench.' || p || '@example.ee',
               'Bench ' || p, 'viewer', 'ref' || p
            FROM seed, {PEOPLE} WHERE n = 1""",
        f"""INSERT INTO refresh_token (id, tenant_id, user_id, family_id, token_hash,
               created_at, expires_at)
            SELECT gen_random_uuid(), tenant_id, md5('u' || n % {PARTICIPANTS})::uuid,
               gen_random_uuid(), sha256(('r' || n)::bytea), at, at + interval '30 days'
            FROM seed""",
    ),
}


class Scratch:
    """This run's databases: one seeded template per service and throwaway copies of it."""

    def __init__(self, postgres_url: str) -> None:
        self.postgres_url = postgres_url
        self.prefix = f"soket_bench_retention_{secrets.token_hex(3)}_"
        self.made: list[str] = []
        self.copies = 0

    def url(self, name: str) -> str:
        return async_database_url(self.postgres_url, self.prefix + name)

    async def seed(self, service: str, *, rows: int, cutoff: datetime, tenant_id: UUID) -> None:
        url = self.url(f"{service}_template")
        self.made.append(url)
        await create_database_if_missing(url)
        await asyncio.to_thread(upgrade, service_dir(service), url)
        connection = await asyncpg.connect(plain_dsn(url))
        try:
            async with connection.transaction():
                await connection.execute(SEED, cutoff, rows, tenant_id)
                for statement in SERVICE_SEEDS[service]:
                    await connection.execute(statement)
            await connection.execute("VACUUM ANALYZE")
        finally:
            await connection.close()
        # No autovacuum worker may hold the template while it is copied.
        await self._on_server(
            f'ALTER DATABASE "{self.prefix}{service}_template" ALLOW_CONNECTIONS false'
        )

    async def copy(self, service: str) -> str:
        """A new database identical to the service's seeded template."""
        self.copies += 1
        name = f"{self.prefix}{service}_{self.copies}"
        url = async_database_url(self.postgres_url, name)
        self.made.append(url)
        for attempt in range(COPY_ATTEMPTS):
            try:
                await self._on_server(
                    f'CREATE DATABASE "{name}" TEMPLATE "{self.prefix}{service}_template"'
                )
                return url
            except asyncpg.ObjectInUseError:
                if attempt == COPY_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.5)
        raise AssertionError("unreachable")

    async def drop(self, url: str) -> None:
        await drop_database(url)
        self.made.remove(url)

    async def drop_all(self) -> None:
        for url in list(self.made):
            await self.drop(url)

    async def _on_server(self, statement: str) -> None:
        connection = await asyncpg.connect(
            plain_dsn(async_database_url(self.postgres_url, "postgres"))
        )
        try:
            await connection.execute(statement)
        finally:
            await connection.close()


# --- timing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    """A legal hold on one client and one person, neither of whom has a seeded row."""

    tenant_id: UUID
    subject_ref: str


def due_of(category: Category, cutoff: datetime, held: Held, *, dry_run: bool) -> RetentionDue:
    return RetentionDue(
        request_id=uuid4(),
        category=category.category,
        action=category.action,
        cutoff=cutoff,
        tenant_id=None,
        excluded_tenant_ids=[held.tenant_id],
        excluded_subject_refs=[held.subject_ref],
        dry_run=dry_run,
    )


def touched(erasure: Erasure) -> int:
    return sum(erasure.rows_deleted.values()) + sum(erasure.rows_anonymised.values())


def on_table(erasure: Erasure, table: str) -> int:
    return erasure.rows_deleted.get(table, 0) + erasure.rows_anonymised.get(table, 0)


@dataclass(frozen=True)
class ServiceRun:
    dry_seconds: float
    apply_seconds: float
    predicted: Erasure
    applied: Erasure


async def service_run(url: str, category: Category, cutoff: datetime, held: Held) -> ServiceRun:
    database = Database(url, pool_size=1)
    participant = category.participant()
    try:
        await database.ping()
        timings: list[float] = []
        erasures: list[Erasure] = []
        for dry_run in (True, False):
            due = due_of(category, cutoff, held, dry_run=dry_run)
            started = time.perf_counter()
            async with database.sessions() as session, session.begin():
                erasures.append(await participant.apply_retention(session, due=due))
            timings.append(time.perf_counter() - started)
    finally:
        await database.dispose()
    return ServiceRun(timings[0], timings[1], erasures[0], erasures[1])


@dataclass(frozen=True)
class RawRun:
    count_seconds: float
    statement_seconds: float
    rows: int


async def raw_run(url: str, category: Category, cutoff: datetime, *, statement: str) -> RawRun:
    """``SELECT count(*)``, then ``statement`` (``DELETE`` or ``UPDATE``), each committed."""
    where = f"WHERE {category.time_column} < $1"
    sql = {
        "DELETE": f"DELETE FROM {category.table} {where}",
        "UPDATE": (
            f"UPDATE {category.table} SET "
            + ", ".join(f"{column} = NULL" for column in category.cleared_columns)
            + f" {where}"
        ),
    }[statement]
    connection = await asyncpg.connect(plain_dsn(url))
    try:
        started = time.perf_counter()
        async with connection.transaction():
            counted = await connection.fetchval(
                f"SELECT count(*) FROM {category.table} {where}", cutoff
            )
        count_seconds = time.perf_counter() - started
        started = time.perf_counter()
        async with connection.transaction():
            status = await connection.execute(sql, cutoff)
        statement_seconds = time.perf_counter() - started
    finally:
        await connection.close()
    rows = int(status.rsplit(" ", 1)[1])
    if rows != counted:
        raise RuntimeError(f"{category.table}: {statement} touched {rows}, counted {counted}")
    return RawRun(count_seconds, statement_seconds, rows)


@dataclass(frozen=True)
class Figures:
    category: Category
    rows: int
    service: list[ServiceRun]
    raw: list[RawRun]
    raw_deletes: list[RawRun]
    """For a category that anonymises; otherwise the same as ``raw``."""

    def line(self) -> str:
        applied = self.service[0].applied
        tables = ", ".join(
            f"{table} {count:,}"
            for table, count in {**applied.rows_deleted, **applied.rows_anonymised}.items()
            if count
        )
        dry = median(run.dry_seconds for run in self.service)
        apply = median(run.apply_seconds for run in self.service)
        count = median(run.count_seconds for run in self.raw)
        raw = median(run.statement_seconds for run in self.raw)
        raw_delete = median(run.statement_seconds for run in self.raw_deletes)
        rows = touched(applied)
        kind = "UPDATE" if self.category.anonymises else "DELETE"
        line = (
            f"{self.category.category.value} ({self.category.service}, "
            f"{self.category.action.value}): {rows:,} rows touched ({tables}) of "
            f"{self.rows:,} seeded; service dry run {ms(dry)} (raw count {ms(count)}, "
            f"{dry / count:.2f}x); service apply {ms(apply)} = {rows / apply:,.0f} rows/s, "
            f"raw {kind} {ms(raw)}, ratio {apply / raw:.2f}x"
        )
        if self.category.anonymises:
            line += f"; raw DELETE {ms(raw_delete)}, {apply / raw_delete:.2f}x"
        return line


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


async def measure_category(
    scratch: Scratch, category: Category, *, rows: int, repeats: int, cutoff: datetime, held: Held
) -> Figures:
    services: list[ServiceRun] = []
    raws: list[RawRun] = []
    raw_deletes: list[RawRun] = []
    kind = "UPDATE" if category.anonymises else "DELETE"
    for repeat in range(repeats):
        service_url = await scratch.copy(category.service)
        raw_url = await scratch.copy(category.service)
        delete_url = await scratch.copy(category.service) if category.anonymises else None

        async def the_service(url: str = service_url) -> None:
            services.append(await service_run(url, category, cutoff, held))

        async def the_raw(url: str = raw_url, deleting: str | None = delete_url) -> None:
            raws.append(await raw_run(url, category, cutoff, statement=kind))
            if deleting is not None:
                raw_deletes.append(await raw_run(deleting, category, cutoff, statement="DELETE"))

        for step in (the_service, the_raw) if repeat % 2 == 0 else (the_raw, the_service):
            await step()
        for url in (service_url, raw_url, delete_url):
            if url is not None:
                await scratch.drop(url)
        check(category, services[-1], raws[-1])
    return Figures(category, rows, services, raws, raw_deletes or raws)


def check(category: Category, service: ServiceRun, raw: RawRun) -> None:
    """The dry run predicted what the run did, and both touched what the bare statement did."""
    predicted = on_table(service.predicted, category.table)
    applied = on_table(service.applied, category.table)
    if not predicted == applied == raw.rows:
        raise RuntimeError(
            f"{category.category.value}: dry run {predicted}, applied {applied}, "
            f"raw {raw.rows} rows of {category.table}"
        )
    if touched(service.predicted) != touched(service.applied):
        raise RuntimeError(f"{category.category.value}: the dry run predicted other tables")


async def measure(postgres_url: str, *, rows: int, repeats: int) -> list[Figures]:
    cutoff = datetime.now(UTC).replace(microsecond=0) - timedelta(days=RETENTION_DAYS)
    held = Held(tenant_id=uuid4(), subject_ref=base64.b32encode(secrets.token_bytes(32)).decode())
    tenant_id = uuid4()
    scratch = Scratch(postgres_url)
    figures: list[Figures] = []
    try:
        started = time.perf_counter()
        for service in SERVICE_SEEDS:
            await scratch.seed(service, rows=rows, cutoff=cutoff, tenant_id=tenant_id)
        print(
            f"seeded {rows:,} rows per category in the accounts, assessments, delivery and "
            f"analytics databases ({scratch.prefix}*), half older than the cutoff, in "
            f"{time.perf_counter() - started:.0f} s; every timing runs on a fresh copy, "
            f"median of {repeats}"
        )
        for category in CATEGORIES:
            found = await measure_category(
                scratch, category, rows=rows, repeats=repeats, cutoff=cutoff, held=held
            )
            print(found.line(), flush=True)
            figures.append(found)
    finally:
        await scratch.drop_all()
    return figures


async def run(
    postgres_url: str, rabbitmq_url: str = "", *, events: int = 0, rows: int | None = None
) -> None:
    """What ``./soket bench retention [--rows N]`` calls (no broker is used)."""
    await measure(postgres_url, rows=rows or DEFAULT_ROWS, repeats=DEFAULT_REPEATS)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    arguments = parser.parse_args(argv)
    asyncio.run(measure(arguments.postgres_url, rows=arguments.rows, repeats=arguments.repeats))


if __name__ == "__main__":
    main()
