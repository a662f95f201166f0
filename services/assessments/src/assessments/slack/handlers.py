"""What delivery tells this service: Slack identities, Slack answers, unsubscribes."""

from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.answering.recording import (
    AlreadyAnsweredError,
    DispatchFacts,
    InvalidAnswerError,
    Response,
    record,
)
from assessments.clock import system_clock
from assessments.dispatches.models import Dispatch
from assessments.participants.emails import checked_email
from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction
from chassis.logs import get_logger
from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events import delivery
from contracts.events.delivery import (
    AnswerReceived,
    MessageUnsubscribed,
    SlackMembersImported,
    SlackWorkspaceRemoved,
)
from contracts.vocabulary import Channel

_log = get_logger("assessments.delivery_events")

delivery_events = Subscription(service="assessments", name="delivery")


@delivery_events.on(delivery.SLACK_MEMBERS_IMPORTED)
async def link_slack_members(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Participants whose email a member has are linked to them; those of the same workspace
    who are no longer members are unlinked."""
    data: SlackMembersImported = envelope.data
    members: dict[str, str] = {}
    for member in data.members:
        try:
            members[checked_email(member.email)] = member.user_id
        except ValueError:
            continue
    await session.execute(
        update(Participant)
        .where(
            Participant.tenant_id == data.tenant_id,
            Participant.slack_team_id == data.team_id,
            Participant.email.not_in(members),
        )
        .values(slack_team_id=None, slack_user_id=None)
    )
    if not members:
        return
    found = await session.execute(
        select(Participant.id, Participant.email).where(
            Participant.tenant_id == data.tenant_id, Participant.email.in_(members)
        )
    )
    for participant_id, email in found.all():
        await session.execute(
            update(Participant)
            .where(Participant.id == participant_id)
            .values(slack_team_id=data.team_id, slack_user_id=members[email])
        )


@delivery_events.on(delivery.SLACK_WORKSPACE_REMOVED)
async def unlink_workspace(session: AsyncSession, envelope: Envelope[Any]) -> None:
    data: SlackWorkspaceRemoved = envelope.data
    await session.execute(
        update(Participant)
        .where(Participant.tenant_id == data.tenant_id, Participant.slack_team_id == data.team_id)
        .values(slack_team_id=None, slack_user_id=None)
    )


@delivery_events.on(delivery.MESSAGE_UNSUBSCRIBED)
async def remember_unsubscribe(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """No more emails to this person from this client (Slack still goes when allowed)."""
    data: MessageUnsubscribed = envelope.data
    await session.execute(
        update(Participant)
        .where(Participant.tenant_id == data.tenant_id, Participant.subject_ref == data.subject_ref)
        .values(email_unsubscribed=True)
    )


@delivery_events.on(delivery.ANSWER_RECEIVED)
async def record_slack_answer(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """A Slack button press, recorded like a page answer: the first answer of a dispatch
    counts, later ones are ignored."""
    data: AnswerReceived = envelope.data
    row = (
        await session.execute(
            select(Dispatch, Participant)
            .join(Participant, Participant.id == Dispatch.participant_id)
            .where(and_(Dispatch.id == data.dispatch_id, Dispatch.tenant_id == data.tenant_id))
        )
    ).first()
    if row is None:
        _log.info("slack answer for no known dispatch", dispatch_id=str(data.dispatch_id))
        return
    dispatch, participant = row
    if (participant.slack_team_id, participant.slack_user_id) != (
        data.pressed_by.team_id,
        data.pressed_by.user_id,
    ):
        raise DeadLetter("the Slack user who answered is not the dispatch's participant")
    if dispatch.question_id is None:
        raise DeadLetter("a quiz invitation is answered on the answer page, not in Slack")
    if dispatch.answered_at is not None:
        _log.info("slack answer after the dispatch was answered", dispatch_id=str(dispatch.id))
        return
    restriction = await session.get(
        SubjectRestriction, (participant.tenant_id, participant.subject_ref)
    )
    if restriction is not None:
        _log.info(
            "slack answer from a restricted person: not recorded", dispatch_id=str(dispatch.id)
        )
        return
    if dispatch.answer_by is not None and data.pressed_at > dispatch.answer_by:
        _log.info("slack answer after the link expired", dispatch_id=str(dispatch.id))
        return
    try:
        await record(
            session,
            dispatch=DispatchFacts.of(dispatch),
            responses={dispatch.question_id: Response(chosen_option_ids=data.chosen_option_ids)},
            channel=Channel.SLACK.value,
            now=min(data.pressed_at, system_clock()),
        )
    except AlreadyAnsweredError:
        _log.info("slack answer after the dispatch was answered", dispatch_id=str(dispatch.id))
    except InvalidAnswerError as error:
        raise DeadLetter(f"the Slack answer does not fit its question: {error}") from None
