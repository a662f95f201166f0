"""Consent as delivery honours it (Q2): each person's latest state per purpose, kept from
privacy's ``privacy.consent.changed.v1``; a notice sent on consent goes only where it stands."""

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import ConsentChanged
from delivery.consent.models import ConsentState
from delivery.keys import DeliveryKeys

if TYPE_CHECKING:
    from delivery.messages.service import Notice

Person = tuple[UUID, str, str]
"""(tenant_id, subject_ref, purpose)"""


class Withheld(StrEnum):
    """Why a notice sent on consent is not sent; logged as ``suppressed:<reason>``."""

    CONSENT_WITHDRAWN = "consent_withdrawn"
    CONSENT_NOT_GIVEN = "consent_not_given"


async def keep_changes(session: AsyncSession, *, changes: Sequence[ConsentChanged]) -> None:
    """Keeps each person's latest change per purpose; an older change arriving late is ignored."""
    latest: dict[Person, ConsentChanged] = {}
    for change in changes:
        key = (change.tenant_id, change.subject_ref, change.purpose.value)
        if key not in latest or change.changed_at >= latest[key].changed_at:
            latest[key] = change
    if not latest:
        return
    statement = insert(ConsentState)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[ConsentState.tenant_id, ConsentState.subject_ref, ConsentState.purpose],
            set_={
                "granted": statement.excluded.granted,
                "changed_at": statement.excluded.changed_at,
            },
            where=statement.excluded.changed_at >= ConsentState.changed_at,
        ),
        [
            {
                "tenant_id": tenant_id,
                "subject_ref": subject_ref,
                "purpose": purpose,
                "granted": change.granted,
                "changed_at": change.changed_at,
            }
            for (tenant_id, subject_ref, purpose), change in sorted(
                latest.items(), key=lambda item: (str(item[0][0]), item[0][1], item[0][2])
            )
        ],
    )


async def withheld_notices(
    session: AsyncSession, *, notices: Sequence["Notice"], keys: DeliveryKeys
) -> dict[UUID, Withheld]:
    """notice id → why it is not sent, for each notice sent on consent whose person's latest
    state for its purpose is not a grant (withdrawn, objected to, or never given)."""
    asked: dict[UUID, Person | None] = {}
    for notice in notices:
        if notice.purpose is None:
            continue
        asked[notice.notice_id] = (
            None
            if notice.tenant_id is None
            else (
                notice.tenant_id,
                keys.subject_ref(tenant_id=notice.tenant_id, email=notice.address),
                notice.purpose.value,
            )
        )
    people = {person for person in asked.values() if person is not None}
    standing: dict[Person, bool] = {}
    if people:
        found = await session.execute(
            select(
                ConsentState.tenant_id,
                ConsentState.subject_ref,
                ConsentState.purpose,
                ConsentState.granted,
            ).where(
                tuple_(ConsentState.tenant_id, ConsentState.subject_ref, ConsentState.purpose).in_(
                    sorted(people, key=lambda person: (str(person[0]), person[1], person[2]))
                )
            )
        )
        standing = {(tenant, ref, purpose): granted for tenant, ref, purpose, granted in found}
    withheld: dict[UUID, Withheld] = {}
    for notice_id, person in asked.items():
        granted = None if person is None else standing.get(person)
        if granted is None:
            withheld[notice_id] = Withheld.CONSENT_NOT_GIVEN
        elif not granted:
            withheld[notice_id] = Withheld.CONSENT_WITHDRAWN
    return withheld
