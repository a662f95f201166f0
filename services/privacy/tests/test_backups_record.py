"""Backups on record (Q9, P12): when the last backup holding something expires, and the record
of erasures a restore reads before it overwrites the privacy database and puts back after."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from pydantic import JsonValue
from sqlalchemy import delete, select, text

from chassis.database import Database
from privacy.audit.models import AuditEntry
from privacy.backups.ledger import CLOCK_MARGIN, erasures_since
from privacy.backups.record import restore_record
from privacy.backups.service import last_backup_expiry, mark_deleted, record_backup
from privacy.requests.models import DataSubjectRequest, RequestTransition, RequestType
from privacy.requests.states import RequestState
from privacy.requests.testing import stored_request


async def test_last_backup_expiry_is_that_of_the_newest_backup_taken_before_and_kept_q9(
    database: Database,
) -> None:
    """Q9/P12: the certificate's date is the expiry of the last backup taken before the
    erasure; a backup taken after it, or already deleted, does not count; none → None."""
    epoch = datetime(2001, 1, 1, tzinfo=UTC) + timedelta(days=uuid4().int % 1000 * 30)
    names = [f"t{uuid4().hex[:12]}" for _ in range(3)]
    async with database.sessions() as session, session.begin():
        assert await last_backup_expiry(session, taken_before=epoch) is None
        for number, name in enumerate(names):
            taken = epoch + timedelta(days=number)
            await record_backup(
                session, name=name, taken_at=taken, expires_at=taken + timedelta(days=60)
            )
        await record_backup(session, name=names[0], taken_at=epoch, expires_at=epoch)  # again
    async with database.sessions() as session, session.begin():
        found = await last_backup_expiry(session, taken_before=epoch + timedelta(days=1, hours=1))
        assert found == epoch + timedelta(days=61)
        assert await mark_deleted(session, names=[names[1]], at=epoch) == 1
        assert await mark_deleted(session, names=[names[1]], at=epoch) == 0
        found = await last_backup_expiry(session, taken_before=epoch + timedelta(days=1, hours=1))
        assert found == epoch + timedelta(days=60)


async def test_the_ledger_holds_erasures_since_the_backup_and_is_put_back_after_a_restore_p13(
    database: Database,
) -> None:
    """P13/Q9: erasures past their point of no return since the backup (less a margin) are in
    the ledger; older ones, open ones and other request types are not. Once the restore has
    rolled the request back, putting the record back gives it its live state and history."""
    now = datetime.now(UTC)
    tenant_id = uuid4()
    async with database.sessions() as session, session.begin():
        done = await stored_request(
            session, state=RequestState.VERIFIED, received_at=now, tenant_id=tenant_id
        )
        done.subject_ref = f"REF{uuid4().hex}"
        old = await stored_request(
            session,
            state=RequestState.VERIFIED,
            received_at=now - CLOCK_MARGIN - timedelta(days=2),
            tenant_id=tenant_id,
        )
        old.subject_ref = f"REF{uuid4().hex}"
        waiting = await stored_request(
            session, state=RequestState.AWAITING_DECISION, received_at=now, tenant_id=tenant_id
        )
        waiting.subject_ref = f"REF{uuid4().hex}"
        export = await stored_request(
            session,
            state=RequestState.COMPLETED,
            received_at=now,
            tenant_id=tenant_id,
            request_type=RequestType.EXPORT,
        )
        export.subject_ref = f"REF{uuid4().hex}"
        session.add(
            RequestTransition(
                request_id=done.id,
                from_state=RequestState.COMPLETED,
                to_state=RequestState.VERIFIED,
                actor="system",
                at=now,
            )
        )
    async with database.sessions() as session, session.begin():
        ledger = await erasures_since(session, since=now - timedelta(minutes=5))
    refs = {subject.subject_ref for subject in ledger.subjects if subject.tenant_id == tenant_id}
    assert refs == {done.subject_ref}
    assert [row["request_id"] for row in ledger.request_rows["request_transition"]] == [
        str(done.id)
    ]

    async with database.sessions() as session, session.begin():
        # What a restore from before the erasure leaves: the request still awaiting a decision.
        await session.execute(
            delete(RequestTransition).where(RequestTransition.request_id == done.id)
        )
        rolled_back = await session.get(DataSubjectRequest, done.id)
        assert rolled_back is not None
        rolled_back.state = RequestState.AWAITING_DECISION
    async with database.sessions() as session, session.begin():
        restored = await restore_record(
            session,
            ledger=ledger,
            backup_name="test",
            re_erased={"assessments": {"people": 1, "clients": 0, "rows": 3}},
            now=now,
        )
    assert restored.requests >= 1
    async with database.sessions() as session, session.begin():
        back = await session.get(DataSubjectRequest, done.id, populate_existing=True)
        assert back is not None
        assert back.state == RequestState.VERIFIED
        transitions = await session.execute(
            select(RequestTransition.to_state).where(RequestTransition.request_id == done.id)
        )
        assert list(transitions.scalars()) == [RequestState.VERIFIED]
        last = await session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        entry = last.scalar_one()
        assert entry.action == "backup.restored"
        assert entry.details["re_erased"] == {"assessments": {"people": 1, "clients": 0, "rows": 3}}


async def test_an_audit_tail_that_does_not_link_to_the_restored_chain_is_not_put_back_q15(
    database: Database,
) -> None:
    """Q15: entries that do not follow the restored chain's last hash stay out (the chain
    stays whole); the restore still appends its own entry."""
    now = datetime.now(UTC)
    async with database.sessions() as session, session.begin():
        ledger = await erasures_since(session, since=now)
        latest = await session.execute(text("SELECT max(seq) FROM audit_entry"))
        last_seq = latest.scalar_one() or 0
    stray: dict[str, JsonValue] = {
        "seq": last_seq + 1,
        "at": now.isoformat(),
        "action": "request.viewed",
        "actor": "system",
        "actor_id": None,
        "request_id": None,
        "details": {},
        "previous_hash": "0" * 64,
        "hash": "f" * 64,
    }
    parted = ledger.model_copy(update={"audit_entries": [stray]})
    async with database.sessions() as session, session.begin():
        restored = await restore_record(
            session, ledger=parted, backup_name="test", re_erased={}, now=now
        )
    assert restored.audit_linked is False
    assert restored.audit_entries == 0
    async with database.sessions() as session, session.begin():
        found = await session.execute(select(AuditEntry).where(AuditEntry.hash == "f" * 64))
        assert found.first() is None
