"""Legal holds on a client or a person: they stop retention and erasure (P14)."""

from fastapi import APIRouter

router = APIRouter(tags=["legal holds"])
