"""A client's offboarding: the offered export, the erasure, the certificate (P12)."""

from fastapi import APIRouter

router = APIRouter(tags=["offboarding"])
