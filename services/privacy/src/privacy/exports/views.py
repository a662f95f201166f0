"""The public download of an export archive, behind its signed, expiring link (no token)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from sqlalchemy import select

from chassis.database import SessionDep
from privacy.audit.service import append_audit
from privacy.audit.staff import LINK_HOLDER
from privacy.clock import Now
from privacy.exports.links import DownloadLinkKeyMissing, download_link_key, signature_holds
from privacy.exports.models import ExportArchive
from privacy.requests.models import DataSubjectRequest
from privacy.settings import Settings

router = APIRouter(tags=["exports"])

_GONE = "This download link has expired and its copy is no longer kept; ask for a new export."


@router.get(
    "/exports/{request_id}",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}, 403: {}, 410: {}},
)
async def download_export(
    request_id: UUID,
    request: Request,
    session: SessionDep,
    now: Now,
    expires: Annotated[int, Query(ge=0, description="The link's expiry, in Unix seconds")],
    signature: Annotated[str, Query(min_length=1, max_length=128)],
) -> Response:
    """The ZIP, while the link is genuine (else 403) and unexpired (else 410)."""
    settings: Settings = request.app.state.settings
    try:
        key = download_link_key(settings)
    except DownloadLinkKeyMissing:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, "Downloads are not configured here yet."
        ) from None
    if not signature_holds(key, request_id=request_id, expires=expires, signature=signature):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This download link is not valid.")
    if now.timestamp() >= expires:
        raise HTTPException(status.HTTP_410_GONE, _GONE)
    async with session.begin():
        archive = await session.get(ExportArchive, request_id)
        reference = await session.scalar(
            select(DataSubjectRequest.reference).where(DataSubjectRequest.id == request_id)
        )
        if archive is None or archive.content is None or archive.expires_at <= now:
            raise HTTPException(status.HTTP_410_GONE, _GONE)
        await append_audit(  # every copy of personal data handed out is on record (Q15)
            session,
            action="export.downloaded",
            actor=LINK_HOLDER,
            at=now,
            request_id=request_id,
            details={"sha256": archive.sha256, "size_bytes": archive.size_bytes},
        )
    return Response(
        archive.content,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="soket-{reference or request_id}.zip"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
