"""CSV import of participants: name, email, optional group and language, one person a line.

Rows that cannot be taken are reported by line with the reason; the rest are imported.
Importing the same file again changes nothing (participants are matched by email).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import literal_column, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from assessments.database import new_id, table_of
from assessments.errors import InvalidRequestError
from assessments.groups.models import GroupMember, ParticipantGroup
from assessments.keys import SubjectRefs
from assessments.participants.emails import checked_email
from assessments.participants.models import Participant
from assessments.participants.schemas import ImportReport, RefusedRow

CHUNK_ROWS = 2000
MAX_NAME = 200
LANGUAGES = frozenset({"et", "en"})
REQUIRED_COLUMNS = ("name", "email")


@dataclass(frozen=True)
class _Row:
    line: int
    name: str
    email: str
    language: str
    group: str | None


def _text_of(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidRequestError("The file is not UTF-8 text; save the CSV as UTF-8.") from None


def _sniffed_reader(text: str) -> csv.DictReader[str]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        raise InvalidRequestError("The file is empty: it needs a header line name,email.")
    reader.fieldnames = [column.strip().lower() for column in reader.fieldnames]
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        raise InvalidRequestError(f"The header line lacks the column(s): {', '.join(missing)}.")
    return reader


def parse_rows(
    content: bytes, *, default_language: str, max_rows: int
) -> tuple[list[_Row], list[RefusedRow], int]:
    """(rows to import, rows refused, rows read)."""
    reader = _sniffed_reader(_text_of(content))
    accepted: list[_Row] = []
    refused: list[RefusedRow] = []
    first_line_of: dict[str, int] = {}
    count = 0
    try:
        for record in reader:
            count += 1
            if count > max_rows:
                raise InvalidRequestError(f"The file has more than {max_rows} rows; split it.")
            line = reader.line_num
            row, reason = _checked(record, line=line, default_language=default_language)
            if row is not None and row.email in first_line_of:
                reason = f"duplicate: the same email is on line {first_line_of[row.email]}"
            if row is None or reason is not None:
                refused.append(RefusedRow(line=line, reason=reason or "unreadable row"))
                continue
            first_line_of[row.email] = line
            accepted.append(row)
    except csv.Error as error:
        raise InvalidRequestError(f"The CSV cannot be read: {error}.") from None
    return accepted, refused, count


def _checked(
    record: dict[str | None, str | list[str] | None], *, line: int, default_language: str
) -> tuple[_Row | None, str | None]:
    def field(name: str) -> str:
        value = record.get(name)
        return value.strip() if isinstance(value, str) else ""

    name, raw_email = field("name"), field("email")
    language = field("language").lower() or default_language
    group = field("group") or None
    if not name:
        return None, "name is missing"
    if len(name) > MAX_NAME:
        return None, f"name is longer than {MAX_NAME} characters"
    if not raw_email:
        return None, "email is missing"
    try:
        email = checked_email(raw_email)
    except ValueError:
        return None, "bad email"
    if language not in LANGUAGES:
        return None, "unknown language (use et or en)"
    if group is not None and len(group) > MAX_NAME:
        return None, f"group name is longer than {MAX_NAME} characters"
    return _Row(line=line, name=name, email=email, language=language, group=group), None


async def import_participants(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    content: bytes,
    default_language: str,
    subject_refs: SubjectRefs,
    max_rows: int,
    keep_existing: bool = False,
) -> ImportReport:
    """With ``keep_existing`` a row whose email is already a participant's is left as it is
    (name, language and groups), and counted unchanged: an import from Slack renames no one."""
    rows, refused, count = parse_rows(content, default_language=default_language, max_rows=max_rows)
    created = updated = 0
    table = table_of(Participant)
    inserting = insert(table)
    upsert: ReturningInsert[bool] = inserting.on_conflict_do_update(
        index_elements=[table.c.tenant_id, table.c.email],
        set_={"name": inserting.excluded.name, "language": inserting.excluded.language},
        where=(table.c.name != inserting.excluded.name)
        | (table.c.language != inserting.excluded.language),
    ).returning(literal_column("(xmax = 0)"))
    only_new: ReturningInsert[str] = inserting.on_conflict_do_nothing(
        index_elements=[table.c.tenant_id, table.c.email]
    ).returning(table.c.email)
    new_emails: set[str] = set()
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        parameters = [
            {
                "id": new_id(),
                "tenant_id": tenant_id,
                "name": row.name,
                "email": row.email,
                "subject_ref": subject_refs.of(tenant_id=tenant_id, email=row.email),
                "language": row.language,
                "email_unsubscribed": False,
            }
            for row in chunk
        ]
        if keep_existing:
            inserted = await session.execute(only_new, parameters)
            new_emails.update(email for (email,) in inserted)
            created = len(new_emails)
            continue
        for (was_created,) in await session.execute(upsert, parameters):
            if was_created:
                created += 1
            else:
                updated += 1
    grouped = [row for row in rows if row.email in new_emails] if keep_existing else rows
    await _add_to_groups(session, tenant_id=tenant_id, rows=grouped)
    return ImportReport(
        rows=count,
        created=created,
        updated=updated,
        unchanged=len(rows) - created - updated,
        refused=refused,
    )


async def _add_to_groups(session: AsyncSession, *, tenant_id: UUID, rows: list[_Row]) -> None:
    grouped = [row for row in rows if row.group is not None]
    if not grouped:
        return
    names = sorted({row.group for row in grouped if row.group is not None})
    await session.execute(
        insert(table_of(ParticipantGroup)).on_conflict_do_nothing(
            index_elements=["tenant_id", "name"]
        ),
        [{"id": new_id(), "tenant_id": tenant_id, "name": name} for name in names],
    )
    group_ids = dict(
        (
            await session.execute(
                select(ParticipantGroup.name, ParticipantGroup.id).where(
                    ParticipantGroup.tenant_id == tenant_id, ParticipantGroup.name.in_(names)
                )
            )
        ).all()
    )
    participant_ids: dict[str, UUID] = {}
    emails = [row.email for row in grouped]
    for start in range(0, len(emails), CHUNK_ROWS * 5):
        found = await session.execute(
            select(Participant.email, Participant.id).where(
                Participant.tenant_id == tenant_id,
                Participant.email.in_(emails[start : start + CHUNK_ROWS * 5]),
            )
        )
        participant_ids.update(found.all())
    memberships = [
        {
            "group_id": group_ids[row.group],
            "participant_id": participant_ids[row.email],
            "tenant_id": tenant_id,
        }
        for row in grouped
        if row.group is not None
    ]
    if memberships:
        await session.execute(insert(table_of(GroupMember)).on_conflict_do_nothing(), memberships)
