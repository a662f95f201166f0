"""The privacy officer's overview of everything that needs them."""

from fastapi import APIRouter
from sqlalchemy import text

from chassis.auth.dependencies import PrivacyOfficer
from chassis.database import SessionDep
from privacy.clock import Now
from privacy.dashboard.schemas import Dashboard
from privacy.dashboard.service import read_dashboard
from privacy.dependencies import SettingsDep

router = APIRouter(tags=["dashboard"])


@router.get("/dashboard")
async def dashboard(
    _officer: PrivacyOfficer, session: SessionDep, settings: SettingsDep, now: Now
) -> Dashboard:
    """Everything that needs the privacy officer, area by area: counts and the few most urgent
    items, each with the path of the list or item it comes from. Ids, references, states and
    dates only: no personal data (so, unlike a request's detail, reading it is not audited)."""
    async with session.begin():
        # One snapshot: the sections' figures agree with each other.
        await session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        return await read_dashboard(session, settings=settings, now=now)
