"""Everything that needs the privacy officer, read in one transaction."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.dashboard.schemas import Dashboard
from privacy.dashboard.sections.audit import audit_section
from privacy.dashboard.sections.backups import backups_section
from privacy.dashboard.sections.breaches import breaches_section
from privacy.dashboard.sections.holds import holds_section
from privacy.dashboard.sections.offboardings import offboardings_section
from privacy.dashboard.sections.policies import policies_section
from privacy.dashboard.sections.requests import consent_section, requests_section
from privacy.dashboard.sections.retention import retention_section
from privacy.settings import Settings


async def read_dashboard(session: AsyncSession, *, settings: Settings, now: datetime) -> Dashboard:
    return Dashboard(
        generated_at=now,
        requests=await requests_section(session, now=now),
        breaches=await breaches_section(session, options=settings.breaches, now=now),
        retention=await retention_section(session, options=settings.retention, now=now),
        holds=await holds_section(session),
        consent=await consent_section(session, now=now),
        offboardings=await offboardings_section(session),
        policies=await policies_section(session, now=now),
        audit=await audit_section(session),
        backups=await backups_section(session),
    )
