"""Retention policies, client settings, runs and their receipts (P17, Q8)."""

from fastapi import APIRouter

router = APIRouter(tags=["retention"])
