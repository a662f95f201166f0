"""The breach register, its 72-hour clock, the report and the notices (Q10)."""

from fastapi import APIRouter

router = APIRouter(tags=["breaches"])
