"""Privacy policy versions, their announcement and acceptance (Q13)."""

from fastapi import APIRouter

router = APIRouter(tags=["policies"])
