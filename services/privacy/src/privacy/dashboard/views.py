"""The privacy officer's overview of everything that needs them."""

from fastapi import APIRouter

router = APIRouter(tags=["dashboard"])
