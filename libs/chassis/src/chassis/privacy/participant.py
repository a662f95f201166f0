"""What a data service does for the privacy contract: the participant it registers.

A service subclasses :class:`PrivacyParticipant` and implements its methods; each takes the
handler's session and never commits. The erasure, export, restriction and retention methods
are the contract every data service answers (abstract); discovery, rectification and re-keying
belong to some services only, and only those a participant overrides are subscribed to.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import RetentionDue
from contracts.events.receipt import ErasureMethod

Categories = Mapping[str, JsonValue]
"""Exported data by category (a lower-case name such as ``answers``), JSON values only."""

RowCounts = Mapping[str, int]
"""Rows per table (optionally ``schema.table``)."""


@dataclass(frozen=True)
class Erasure:
    """What an erasure or retention run did, per table; the receipt states it."""

    rows_deleted: RowCounts = field(default_factory=dict)
    rows_anonymised: RowCounts = field(default_factory=dict)
    """Rows kept with nothing that points to a person (a table listed here anonymises)."""

    @property
    def method(self) -> ErasureMethod:
        if self.rows_anonymised and self.rows_deleted:
            return ErasureMethod.DELETE_AND_ANONYMISE
        if self.rows_anonymised:
            return ErasureMethod.ANONYMISE
        return ErasureMethod.DELETE

    def with_deleted(self, rows: RowCounts) -> "Erasure":
        """This erasure with more deleted rows, added per table."""
        merged = dict(self.rows_deleted)
        for table, count in rows.items():
            merged[table] = merged.get(table, 0) + count
        return Erasure(rows_deleted=merged, rows_anonymised=self.rows_anonymised)


class PrivacyParticipant(ABC):
    """A data service's answers to the privacy contract (DESIGN.md)."""

    @abstractmethod
    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        """Everything this service holds about the person, by category."""

    @abstractmethod
    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        """Deletes (or anonymises) every row about the person; the chassis adds its
        outbox and inbox rows, remembers the erasure and signs the receipt."""

    @abstractmethod
    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        """Stops (``restricted``) or resumes processing the person."""

    @abstractmethod
    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        """Everything this service holds about the client, by category."""

    @abstractmethod
    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        """Deletes every row of the client; the chassis adds its outbox and inbox rows."""

    @abstractmethod
    async def apply_retention(self, session: AsyncSession, *, due: RetentionDue) -> Erasure:
        """Deletes or anonymises ``due.category``'s rows older than ``due.cutoff``, except
        those of ``due.excluded_tenant_ids`` and ``due.excluded_subject_refs`` (only
        ``due.tenant_id``'s when set); on ``due.dry_run`` only counts them. A category this
        service does not hold is an empty :class:`Erasure`."""

    async def count_people(
        self, session: AsyncSession, *, tenant_ids: list[UUID] | None
    ) -> dict[UUID, dict[str, int]]:
        """Per client (every client when ``tenant_ids`` is None), the distinct people each
        category of this service holds, for a breach's scale; clients with none left out."""
        return {}

    async def discover(self, session: AsyncSession, *, email: str) -> list[UUID]:
        """The clients in which this address appears (services that hold emails)."""
        raise NotImplementedError

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
        """Corrects the fields held here and re-keys rows to ``new_subject_ref`` when given;
        rows updated per table (services that hold emails or names)."""
        raise NotImplementedError

    async def rekey_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
    ) -> RowCounts:
        """Re-keys the person's rows to ``new_subject_ref``; rows updated per table
        (services that hold only ``subject_ref``)."""
        raise NotImplementedError


def implements(participant: PrivacyParticipant, method: str) -> bool:
    """Whether the participant overrides one of the optional methods."""
    return getattr(type(participant), method) is not getattr(PrivacyParticipant, method)
