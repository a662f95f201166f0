"""Erasing again, in every data service, the people and clients erased since a backup was taken:
in process, through each service's own privacy participant, one transaction per erasure."""

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID, uuid4

from chassis.database import Database
from chassis.messaging.inbox import remember_erasure
from chassis.privacy.messaging_rows import erase_subject_messages, erase_tenant_messages
from chassis.privacy.participant import Erasure, PrivacyParticipant
from contracts.events.privacy_replies import reply_events
from contracts.vocabulary import DataService


@dataclass(frozen=True)
class Subject:
    tenant_id: UUID
    subject_ref: str


@dataclass
class ServiceReErasure:
    """What one service erased again: how many people and clients had rows left, and rows."""

    people: int = 0
    clients: int = 0
    rows: int = 0
    checked: int = 0
    tables: dict[str, int] = field(default_factory=dict)

    def add(self, erasure: Erasure) -> bool:
        self.checked += 1
        touched = {**erasure.rows_deleted}
        for table, count in erasure.rows_anonymised.items():
            touched[table] = touched.get(table, 0) + count
        for table, count in touched.items():
            self.tables[table] = self.tables.get(table, 0) + count
        found = sum(touched.values())
        self.rows += found
        return found > 0


async def re_erase(
    service: DataService, *, subjects: Sequence[Subject], tenants: Sequence[UUID]
) -> ServiceReErasure:
    """Erases the people and the clients in ``service``'s database."""
    # Imported by name: the CLI depends on no service.
    worker = importlib.import_module(f"{service}.worker")
    settings = importlib.import_module(f"{service}.settings").Settings()
    participant: PrivacyParticipant = worker.privacy_participant()
    replies = frozenset(reply_events(service))
    outcome = ServiceReErasure()
    database = Database(settings.database_url, pool_size=1)
    try:
        for tenant_id in tenants:
            async with database.sessions() as session, session.begin():
                erasure = await participant.erase_tenant(session, tenant_id=tenant_id)
                own = await erase_tenant_messages(
                    session, tenant_id=tenant_id, handling=uuid4(), unsent_replies=replies
                )
            outcome.clients += outcome.add(erasure.with_deleted(own))
        for subject in subjects:
            async with database.sessions() as session, session.begin():
                erasure = await participant.erase_subject(
                    session, tenant_id=subject.tenant_id, subject_ref=subject.subject_ref
                )
                own = await erase_subject_messages(
                    session,
                    tenant_id=subject.tenant_id,
                    subject_ref=subject.subject_ref,
                    handling=uuid4(),
                    unsent_replies=replies,
                )
                await remember_erasure(
                    session, tenant_id=subject.tenant_id, subject_ref=subject.subject_ref
                )
            outcome.people += outcome.add(erasure.with_deleted(own))
    finally:
        await database.dispose()
    return outcome
