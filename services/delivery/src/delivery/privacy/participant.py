"""Delivery's answers to the privacy contract.

The delivery log and the Slack member rows of a person are erased; suppression and
unsubscribe entries stay, as the keyed hashes they already are, so an erased person who
unsubscribed or bounced is still not written to.
"""

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, RowCounts
from chassis.privacy.subject_ref import normalise_email
from contracts.events.privacy import RetentionCategory, RetentionDue
from delivery.consent.models import ConsentState
from delivery.keys import DeliveryKeys, delivery_keys
from delivery.messages.models import Message, MessageState
from delivery.privacy import census
from delivery.rekeying.service import rekey_person
from delivery.slack.models import SlackInstallation, SlackMember, SlackOAuthState
from delivery.suppression.models import Restriction, Unsubscription

_IN_OUR_HANDS = (MessageState.QUEUED, MessageState.SENDING)


class DeliveryParticipant(PrivacyParticipant):
    async def count_people(
        self, session: AsyncSession, *, tenant_ids: list[UUID] | None
    ) -> dict[UUID, dict[str, int]]:
        return await census.count_people(session, tenant_ids=tenant_ids)

    def __init__(self, keys: DeliveryKeys | None = None) -> None:
        self._keys = keys

    @property
    def keys(self) -> DeliveryKeys:
        return self._keys or delivery_keys()

    async def discover(self, session: AsyncSession, *, email: str) -> list[UUID]:
        address_hash = self.keys.address_hash(email)
        logged = await session.scalars(
            select(Message.tenant_id)
            .where(
                Message.address_hash == address_hash,
                Message.tenant_id.is_not(None),
                Message.subject_ref.is_not(None),  # not privacy's notices about a request
            )
            .distinct()
        )
        members = await session.scalars(
            select(SlackMember.tenant_id)
            .where(func.lower(SlackMember.email) == normalise_email(email))
            .distinct()
        )
        return sorted({tenant for tenant in logged if tenant is not None} | set(members))

    async def rectify_subject(
        self,
        session: AsyncSession,
        *,
        tenant_id: UUID,
        subject_ref: str,
        corrected_email: str | None,
        new_subject_ref: str | None,
        corrected_name: str | None,
    ) -> RowCounts:
        """Re-keys the person's rows; messages still queued go to the corrected address.
        Names are not held here; Slack emails are Slack's and come back on the next import."""
        if new_subject_ref is None or corrected_email is None:
            return {}
        rows = await rekey_person(
            session, tenant_id=tenant_id, subject_ref=subject_ref, new_subject_ref=new_subject_ref
        )
        await session.execute(
            update(Message)
            .where(
                Message.tenant_id == tenant_id,
                Message.subject_ref == new_subject_ref,
                Message.state == MessageState.QUEUED,
                Message.channel == "email",
            )
            .values(
                address_hash=self.keys.address_hash(corrected_email),
                content=Message.content.op("||")(
                    func.jsonb_build_object("address", corrected_email, "email", corrected_email)
                ),
            )
        )
        return rows

    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        messages = await session.scalars(
            select(Message)
            .where(Message.tenant_id == tenant_id, Message.subject_ref == subject_ref)
            .order_by(Message.id)
        )
        members = await session.scalars(
            select(SlackMember).where(
                SlackMember.tenant_id == tenant_id, SlackMember.subject_ref == subject_ref
            )
        )
        unsubscribed = await session.get(Unsubscription, (tenant_id, subject_ref))
        restricted = await session.get(Restriction, (tenant_id, subject_ref))
        return {
            "delivery_log": [_log_entry(message) for message in messages],
            "slack_member_directory": [
                {"team_id": member.team_id, "slack_user_id": member.user_id, "email": member.email}
                for member in members
            ],
            "unsubscribed": unsubscribed is not None,
            "restricted": restricted is not None,
        }

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        return Erasure(
            rows_deleted={
                "message": await _delete(
                    session,
                    Message,
                    Message.tenant_id == tenant_id,
                    Message.subject_ref == subject_ref,
                ),
                "slack_member": await _delete(
                    session,
                    SlackMember,
                    SlackMember.tenant_id == tenant_id,
                    SlackMember.subject_ref == subject_ref,
                ),
                "restriction": await _delete(
                    session,
                    Restriction,
                    Restriction.tenant_id == tenant_id,
                    Restriction.subject_ref == subject_ref,
                ),
                "consent_state": await _delete(
                    session,
                    ConsentState,
                    ConsentState.tenant_id == tenant_id,
                    ConsentState.subject_ref == subject_ref,
                ),
            }
        )

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        if restricted:
            if await session.get(Restriction, (tenant_id, subject_ref)) is None:
                session.add(Restriction(tenant_id=tenant_id, subject_ref=subject_ref))
                await session.flush()
        else:
            await _delete(
                session,
                Restriction,
                Restriction.tenant_id == tenant_id,
                Restriction.subject_ref == subject_ref,
            )

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        messages = await session.scalars(
            select(Message).where(Message.tenant_id == tenant_id).order_by(Message.id)
        )
        installations = await session.scalars(
            select(SlackInstallation).where(SlackInstallation.tenant_id == tenant_id)
        )
        members = await session.scalars(
            select(SlackMember).where(SlackMember.tenant_id == tenant_id)
        )
        return {
            "delivery_log": [_log_entry(message) for message in messages],
            "slack_installations": [
                {
                    "team_id": installation.team_id,
                    "scopes": installation.scopes,
                    "installed_at": installation.installed_at.isoformat(),
                }
                for installation in installations
            ],
            "slack_member_directory": [
                {"team_id": member.team_id, "slack_user_id": member.user_id, "email": member.email}
                for member in members
            ],
        }

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        rows: dict[str, int] = {}
        for model in (
            Message,
            SlackMember,
            SlackInstallation,
            SlackOAuthState,
            Unsubscription,
            Restriction,
            ConsentState,
        ):
            rows[model.__tablename__] = await _delete(session, model, model.tenant_id == tenant_id)
        return Erasure(rows_deleted=rows)

    async def apply_retention(self, session: AsyncSession, *, due: RetentionDue) -> Erasure:
        if due.category is RetentionCategory.DELIVERY_LOG:
            conditions = [
                Message.created_at < due.cutoff,
                Message.state.not_in(_IN_OUR_HANDS),
                *_scope(Message, due),
            ]
            return Erasure(
                rows_deleted={"message": await _apply(session, Message, conditions, due)}
            )
        if due.category is RetentionCategory.SLACK_MEMBER_DIRECTORY:
            conditions = [SlackMember.imported_at < due.cutoff, *_scope(SlackMember, due)]
            return Erasure(
                rows_deleted={"slack_member": await _apply(session, SlackMember, conditions, due)}
            )
        return Erasure()


def _log_entry(message: Message) -> dict[str, Any]:
    return {
        "channel": message.channel,
        "kind": message.kind,
        "reference_id": str(message.reference_id),
        "assessment_id": None if message.assessment_id is None else str(message.assessment_id),
        "state": message.state,
        "attempts": message.attempts,
        "created_at": message.created_at.isoformat(),
        "updated_at": message.updated_at.isoformat(),
    }


def _scope(model: Any, due: RetentionDue) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if due.tenant_id is not None:
        conditions.append(model.tenant_id == due.tenant_id)
    if due.excluded_tenant_ids:
        conditions.append(model.tenant_id.not_in(due.excluded_tenant_ids))
    if due.excluded_subject_refs:
        conditions.append(model.subject_ref.not_in(due.excluded_subject_refs))
    return conditions


async def _apply(
    session: AsyncSession, model: Any, conditions: list[ColumnElement[bool]], due: RetentionDue
) -> int:
    if due.dry_run:
        counted = select(func.count()).select_from(model).where(*conditions)
        return int(await session.scalar(counted) or 0)
    return await _delete(session, model, *conditions)


async def _delete(session: AsyncSession, model: Any, *conditions: ColumnElement[bool]) -> int:
    result = await session.execute(delete(model).where(*conditions))
    return int(result.rowcount)  # type: ignore[attr-defined]
