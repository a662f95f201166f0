"""The consent ledger and the objection and withdrawal it takes (Q2, Q3, Q16)."""

from fastapi import APIRouter

router = APIRouter(tags=["consent"])
