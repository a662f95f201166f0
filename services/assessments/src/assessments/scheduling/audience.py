from uuid import UUID

from sqlalchemy import Select, and_, exists, or_, select

from assessments.assessments.models import AssessmentGroup, AssessmentParticipant
from assessments.groups.models import GroupMember
from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction


def audience_ids(*, tenant_id: UUID, assessment_id: UUID) -> Select[UUID]:
    """The participants an assessment goes to: listed ones and members of its groups,
    except those whose processing is restricted."""
    direct = select(AssessmentParticipant.participant_id).where(
        AssessmentParticipant.assessment_id == assessment_id
    )
    via_groups = (
        select(GroupMember.participant_id)
        .join(AssessmentGroup, AssessmentGroup.group_id == GroupMember.group_id)
        .where(AssessmentGroup.assessment_id == assessment_id)
    )
    restricted = exists().where(
        and_(
            SubjectRestriction.tenant_id == Participant.tenant_id,
            SubjectRestriction.subject_ref == Participant.subject_ref,
        )
    )
    return select(Participant.id).where(
        Participant.tenant_id == tenant_id,
        or_(Participant.id.in_(direct), Participant.id.in_(via_groups)),
        ~restricted,
    )
