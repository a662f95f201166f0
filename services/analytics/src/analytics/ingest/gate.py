"""Which events still count, and for whom: the checks every batch passes first."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import String, Uuid, column, text
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts.service import AssessmentKey
from analytics.subjects.service import SubjectKey


@dataclass(frozen=True)
class About:
    """What an event is about."""

    tenant_id: UUID
    assessment_id: UUID
    subject_ref: str


@dataclass(frozen=True)
class Gate:
    ignored_subjects: set[SubjectKey]
    """Erased or removed here: their late events are ignored, even in the totals."""
    restricted_subjects: set[SubjectKey]
    """Counted in the totals only, with no per-person row."""
    deleted: set[AssessmentKey]

    def admits(self, about: About) -> bool:
        return (about.tenant_id, about.subject_ref) not in self.ignored_subjects and (
            about.tenant_id,
            about.assessment_id,
        ) not in self.deleted

    def subject_ref_to_keep(self, about: About) -> str | None:
        if (about.tenant_id, about.subject_ref) in self.restricted_subjects:
            return None
        return about.subject_ref


_GATE = text(
    """
    WITH people AS (
        SELECT * FROM unnest(CAST(:subject_tenants AS uuid[]), CAST(:subject_refs AS text[]))
            AS person(tenant_id, subject_ref)
    )
    SELECT 'erased', erased.tenant_id, CAST(erased.subject_ref AS text), CAST(NULL AS uuid)
    FROM erased_subject AS erased JOIN people USING (tenant_id, subject_ref)
    UNION ALL
    SELECT 'restricted', restricted.tenant_id, CAST(restricted.subject_ref AS text), NULL
    FROM restricted_subject AS restricted JOIN people USING (tenant_id, subject_ref)
    UNION ALL
    SELECT 'deleted', deleted.tenant_id, NULL, deleted.assessment_id
    FROM deleted_assessment AS deleted
    JOIN unnest(CAST(:assessment_tenants AS uuid[]), CAST(:assessment_ids AS uuid[]))
        AS assessment(tenant_id, assessment_id) USING (tenant_id, assessment_id)
    """
).columns(
    column("what", String),
    column("tenant_id", Uuid),
    column("subject_ref", String),
    column("assessment_id", Uuid),
)


async def gate_for(session: AsyncSession, events: Sequence[About]) -> Gate:
    """Who is erased or restricted, and which assessments are deleted: one query."""
    subjects = sorted({(str(about.tenant_id), about.subject_ref) for about in events})
    assessments = sorted({(str(about.tenant_id), str(about.assessment_id)) for about in events})
    gate = Gate(ignored_subjects=set(), restricted_subjects=set(), deleted=set())
    if not subjects:
        return gate
    found = await session.execute(
        _GATE,
        {
            "subject_tenants": [tenant_id for tenant_id, _ in subjects],
            "subject_refs": [subject_ref for _, subject_ref in subjects],
            "assessment_tenants": [tenant_id for tenant_id, _ in assessments],
            "assessment_ids": [assessment_id for _, assessment_id in assessments],
        },
    )
    for what, tenant_id, subject_ref, assessment_id in found:
        if what == "erased":
            gate.ignored_subjects.add((tenant_id, subject_ref))
        elif what == "restricted":
            gate.restricted_subjects.add((tenant_id, subject_ref))
        else:
            gate.deleted.add((tenant_id, assessment_id))
    return gate
