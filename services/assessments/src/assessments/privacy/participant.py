"""Assessments' answers to the privacy contract (DESIGN.md): participants are the people here."""

from typing import Any
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.models import Answer
from assessments.assessments.models import (
    Assessment,
    AssessmentGroup,
    AssessmentParticipant,
    AssessmentQuestion,
)
from assessments.client_settings.service import forget as forget_settings
from assessments.dispatches.models import AnswerToken, Dispatch
from assessments.groups.models import GroupMember, ParticipantGroup
from assessments.participants.erasure import erase_participants, participant_ids_of
from assessments.participants.models import Participant
from assessments.privacy import census
from assessments.privacy.models import SubjectRestriction
from assessments.privacy.retention import apply_retention
from assessments.questions.models import Question, QuestionOption, QuestionReport
from assessments.scheduling.models import ScheduleSlot
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, RowCounts
from chassis.privacy.rekeying import move_rows_to_reference
from chassis.privacy.subject_ref import normalise_email
from contracts.events.privacy import RetentionDue


def _rows(result: Any) -> int:
    return int(result.rowcount)


def _iso(value: Any) -> JsonValue:
    return value.isoformat() if value is not None else None


class AssessmentsPrivacy(PrivacyParticipant):
    async def count_people(
        self, session: AsyncSession, *, tenant_ids: list[UUID] | None
    ) -> dict[UUID, dict[str, int]]:
        return await census.count_people(session, tenant_ids=tenant_ids)

    async def discover(self, session: AsyncSession, *, email: str) -> list[UUID]:
        try:
            normalised = normalise_email(email)
        except ValueError:
            return []
        return list(
            await session.scalars(
                select(Participant.tenant_id).where(Participant.email == normalised).distinct()
            )
        )

    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        participants = list(
            await session.scalars(
                select(Participant).where(
                    Participant.tenant_id == tenant_id, Participant.subject_ref == subject_ref
                )
            )
        )
        ids = [participant.id for participant in participants]
        groups = await session.execute(
            select(GroupMember.participant_id, ParticipantGroup.name)
            .join(ParticipantGroup, ParticipantGroup.id == GroupMember.group_id)
            .where(GroupMember.participant_id.in_(ids))
        )
        group_names: dict[UUID, list[JsonValue]] = {participant_id: [] for participant_id in ids}
        for participant_id, name in groups.all():
            group_names[participant_id].append(name)
        dispatches = await session.execute(
            select(Dispatch, Assessment.title)
            .join(Assessment, Assessment.id == Dispatch.assessment_id)
            .where(Dispatch.tenant_id == tenant_id, Dispatch.participant_id.in_(ids))
            .order_by(Dispatch.created_at)
        )
        answers = await session.execute(
            select(Answer, Question.text, Assessment.title)
            .join(Question, Question.id == Answer.question_id)
            .join(Assessment, Assessment.id == Answer.assessment_id)
            .where(Answer.tenant_id == tenant_id, Answer.subject_ref == subject_ref)
            .order_by(Answer.answered_at)
        )
        labels = dict(
            (
                await session.execute(
                    select(QuestionOption.id, QuestionOption.label).where(
                        QuestionOption.tenant_id == tenant_id
                    )
                )
            ).all()
        )
        restricted = await session.get(SubjectRestriction, (tenant_id, subject_ref))
        return {
            "participants": [
                {
                    "name": p.name,
                    "email": p.email,
                    "language": p.language,
                    "slack_user_id": p.slack_user_id,
                    "email_unsubscribed": p.email_unsubscribed,
                    "groups": group_names[p.id],
                    "created_at": _iso(p.created_at),
                }
                for p in participants
            ],
            "dispatches": [
                {
                    "assessment": title,
                    "kind": d.kind,
                    "day": _iso(d.local_date),
                    "status": d.status,
                    "sent_at": _iso(d.issued_at),
                    "answered_at": _iso(d.answered_at),
                    "reminders": d.reminders_sent,
                }
                for d, title in dispatches.all()
            ],
            "answers": [
                {
                    "assessment": title,
                    "question": text,
                    "chosen": [
                        labels.get(option_id, str(option_id)) for option_id in a.chosen_option_ids
                    ],
                    "scale_value": a.scale_value,
                    "free_text": a.free_text,
                    "correct": a.correct,
                    "channel": a.channel,
                    "answered_at": _iso(a.answered_at),
                }
                for a, text, title in answers.all()
            ],
            "restricted": restricted is not None,
        }

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        ids = await participant_ids_of(session, tenant_id=tenant_id, subject_ref=subject_ref)
        deleted, anonymised = await erase_participants(
            session, tenant_id=tenant_id, participant_ids=ids
        )
        leftover = Answer.tenant_id == tenant_id, Answer.subject_ref == subject_ref
        free_text = _rows(
            await session.execute(delete(Answer).where(*leftover, Answer.free_text.is_not(None)))
        )
        more = _rows(
            await session.execute(
                update(Answer).where(*leftover).values(subject_ref=None, dispatch_id=None)
            )
        )
        restriction = _rows(
            await session.execute(
                delete(SubjectRestriction).where(
                    SubjectRestriction.tenant_id == tenant_id,
                    SubjectRestriction.subject_ref == subject_ref,
                )
            )
        )
        _add(deleted, "answer", free_text)
        _add(anonymised, "answer", more)
        _add(deleted, "subject_restriction", restriction)
        return Erasure(rows_deleted=deleted, rows_anonymised=anonymised)

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        """A restricted person gets no dispatches (and no reminders) until resumed."""
        if restricted:
            await session.execute(
                insert(SubjectRestriction)
                .values(tenant_id=tenant_id, subject_ref=subject_ref)
                .on_conflict_do_nothing()
            )
        else:
            await session.execute(
                delete(SubjectRestriction).where(
                    SubjectRestriction.tenant_id == tenant_id,
                    SubjectRestriction.subject_ref == subject_ref,
                )
            )

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        participants = await session.scalars(
            select(Participant)
            .where(Participant.tenant_id == tenant_id)
            .order_by(Participant.email)
        )
        groups = await session.scalars(
            select(ParticipantGroup).where(ParticipantGroup.tenant_id == tenant_id)
        )
        members = await session.execute(
            select(GroupMember.group_id, GroupMember.participant_id).where(
                GroupMember.tenant_id == tenant_id
            )
        )
        questions = await session.scalars(select(Question).where(Question.tenant_id == tenant_id))
        options = await session.scalars(
            select(QuestionOption).where(QuestionOption.tenant_id == tenant_id)
        )
        assessments = await session.scalars(
            select(Assessment).where(Assessment.tenant_id == tenant_id)
        )
        answers = await session.scalars(select(Answer).where(Answer.tenant_id == tenant_id))
        return {
            "participants": [
                {"id": str(p.id), "name": p.name, "email": p.email, "language": p.language}
                for p in participants
            ],
            "groups": [{"id": str(g.id), "name": g.name} for g in groups],
            "group_members": [
                {"group_id": str(group_id), "participant_id": str(participant_id)}
                for group_id, participant_id in members.all()
            ],
            "questions": [
                {
                    "id": str(q.id),
                    "kind": q.kind,
                    "text": q.text,
                    "explanation": q.explanation,
                    "topics": list(q.topics),
                    "reports": q.report_count,
                }
                for q in questions
            ],
            "options": [
                {
                    "id": str(o.id),
                    "question_id": str(o.question_id),
                    "label": o.label,
                    "correct": o.correct,
                }
                for o in options
            ],
            "assessments": [
                {"id": str(a.id), "kind": a.kind, "title": a.title, "status": a.status}
                for a in assessments
            ],
            "answers": [
                {
                    "assessment_id": str(a.assessment_id),
                    "question_id": str(a.question_id),
                    "participant_id": str(a.participant_id) if a.participant_id else None,
                    "chosen_option_ids": [str(option_id) for option_id in a.chosen_option_ids],
                    "scale_value": a.scale_value,
                    "free_text": a.free_text,
                    "correct": a.correct,
                    "answered_at": _iso(a.answered_at),
                }
                for a in answers
            ],
        }

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        deleted: dict[str, int] = {}
        assessment_ids = select(Assessment.id).where(Assessment.tenant_id == tenant_id)
        steps: list[tuple[str, Any]] = [
            ("answer", delete(Answer).where(Answer.tenant_id == tenant_id)),
            ("answer_token", delete(AnswerToken).where(AnswerToken.tenant_id == tenant_id)),
            ("dispatch", delete(Dispatch).where(Dispatch.tenant_id == tenant_id)),
            (
                "schedule_slot",
                delete(ScheduleSlot).where(ScheduleSlot.assessment_id.in_(assessment_ids)),
            ),
            (
                "assessment_question",
                delete(AssessmentQuestion).where(AssessmentQuestion.tenant_id == tenant_id),
            ),
            (
                "assessment_participant",
                delete(AssessmentParticipant).where(AssessmentParticipant.tenant_id == tenant_id),
            ),
            (
                "assessment_group",
                delete(AssessmentGroup).where(AssessmentGroup.tenant_id == tenant_id),
            ),
            ("assessment", delete(Assessment).where(Assessment.tenant_id == tenant_id)),
            (
                "question_report",
                delete(QuestionReport).where(QuestionReport.tenant_id == tenant_id),
            ),
            (
                "question_option",
                delete(QuestionOption).where(QuestionOption.tenant_id == tenant_id),
            ),
            ("question", delete(Question).where(Question.tenant_id == tenant_id)),
            ("group_member", delete(GroupMember).where(GroupMember.tenant_id == tenant_id)),
            (
                "participant_group",
                delete(ParticipantGroup).where(ParticipantGroup.tenant_id == tenant_id),
            ),
            ("participant", delete(Participant).where(Participant.tenant_id == tenant_id)),
            (
                "subject_restriction",
                delete(SubjectRestriction).where(SubjectRestriction.tenant_id == tenant_id),
            ),
        ]
        for table, statement in steps:
            _add(deleted, table, _rows(await session.execute(statement)))
        _add(deleted, "client_settings", await forget_settings(session, tenant_id=tenant_id))
        return Erasure(rows_deleted=deleted)

    async def apply_retention(self, session: AsyncSession, *, due: RetentionDue) -> Erasure:
        return await apply_retention(session, due=due)

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
        values: dict[str, Any] = {}
        if corrected_name is not None:
            values["name"] = corrected_name
        if corrected_email is not None:
            values["email"] = normalise_email(corrected_email)
        if new_subject_ref is not None:
            values["subject_ref"] = new_subject_ref
        rows: dict[str, int] = {}
        if values:
            _add(
                rows,
                "participant",
                _rows(
                    await session.execute(
                        update(Participant)
                        .where(
                            Participant.tenant_id == tenant_id,
                            Participant.subject_ref == subject_ref,
                        )
                        .values(**values)
                    )
                ),
            )
        if new_subject_ref is not None:
            for table, count in (
                await self.rekey_subject(
                    session,
                    tenant_id=tenant_id,
                    subject_ref=subject_ref,
                    new_subject_ref=new_subject_ref,
                )
            ).items():
                _add(rows, table, count)
        return rows

    async def rekey_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
    ) -> RowCounts:
        rows: dict[str, int] = {}
        statements = {
            "participant": update(Participant)
            .where(Participant.tenant_id == tenant_id, Participant.subject_ref == subject_ref)
            .values(subject_ref=new_subject_ref),
            "answer": update(Answer)
            .where(Answer.tenant_id == tenant_id, Answer.subject_ref == subject_ref)
            .values(subject_ref=new_subject_ref),
        }
        for table, statement in statements.items():
            _add(rows, table, _rows(await session.execute(statement)))
        _add(
            rows,
            SubjectRestriction.__tablename__,
            await move_rows_to_reference(
                session,
                SubjectRestriction,
                tenant_id=tenant_id,
                subject_ref=subject_ref,
                new_subject_ref=new_subject_ref,
            ),
        )
        return rows


def _add(counts: dict[str, int], table: str, count: int) -> None:
    if count:
        counts[table] = counts.get(table, 0) + count
