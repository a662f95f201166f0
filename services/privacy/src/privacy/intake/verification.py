"""The emailed code: sent once per intake, checked against its hash, a few attempts allowed."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import PrivacyNotificationRequested
from contracts.ids import uuid7
from contracts.vocabulary import Language
from privacy.intake.codes import code_hash, code_matches, new_code
from privacy.intake.models import Intake
from privacy.settings import Settings


class CodeCheck(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    """Not the code; attempts remain."""
    GONE = "gone"
    """Expired, or no attempt left: the code is dead."""


@dataclass(frozen=True)
class CodeOutcome:
    check: CodeCheck
    attempts_left: int


def set_new_code(intake: Intake, *, settings: Settings, now: datetime) -> str:
    """Gives the intake a fresh code (only its hash is kept) and returns it, to email."""
    code = new_code()
    intake.code_hash = code_hash(intake.id, code)
    intake.code_expires_at = now + timedelta(minutes=settings.requests.verification_code_minutes)
    intake.attempts_left = settings.requests.verification_attempts
    return code


async def email_code(
    session: AsyncSession, *, email: str, language: str, code: str, tenant_id: UUID | None
) -> None:
    await publish(
        session,
        PrivacyNotificationRequested(
            notice_id=uuid7(),
            tenant_id=tenant_id,
            template=NoticeTemplate.PRIVACY_REQUEST_VERIFICATION_CODE,
            address=email,
            language=Language(language),
            parameters={"code": code},
        ),
        tenant_id=tenant_id,
    )


def check_code(intake: Intake, *, code: str, now: datetime) -> CodeOutcome:
    """Spends one attempt on a wrong code; a dead code loses its hash. The caller locked
    the intake's row, so parallel guesses are counted one by one."""
    if intake.code_hash is None or intake.attempts_left <= 0 or now >= intake.code_expires_at:
        intake.code_hash = None
        return CodeOutcome(CodeCheck.GONE, 0)
    if code_matches(intake.id, code, intake.code_hash):
        intake.code_hash = None
        return CodeOutcome(CodeCheck.ACCEPTED, intake.attempts_left)
    intake.attempts_left -= 1
    if intake.attempts_left == 0:
        intake.code_hash = None
        return CodeOutcome(CodeCheck.GONE, 0)
    return CodeOutcome(CodeCheck.WRONG, intake.attempts_left)
