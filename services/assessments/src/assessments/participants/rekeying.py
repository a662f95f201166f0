"""A participant's new email is a new ``subject_ref``: their rows here follow it, and the other
services are told (``assessments.participant.rekeyed.v1``) in the same transaction."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from assessments.privacy.participant import AssessmentsPrivacy
from chassis.messaging.outbox import publish
from chassis.privacy.messaging_rows import rekey_subject_messages
from contracts.events.assessments import ParticipantRekeyed


async def rekey_participant(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
) -> None:
    """Files the person's answers, restriction and own messages under ``new_subject_ref``, as a
    rectification does, and announces it."""
    await AssessmentsPrivacy().rekey_subject(
        session, tenant_id=tenant_id, subject_ref=subject_ref, new_subject_ref=new_subject_ref
    )
    await publish(
        session,
        ParticipantRekeyed(
            tenant_id=tenant_id, subject_ref=subject_ref, new_subject_ref=new_subject_ref
        ),
    )
    await rekey_subject_messages(
        session, tenant_id=tenant_id, subject_ref=subject_ref, new_subject_ref=new_subject_ref
    )
