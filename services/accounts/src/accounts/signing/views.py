from fastapi import APIRouter, Response

from accounts.runtime import RuntimeDep
from chassis.auth.signing import jwks_document

router = APIRouter(tags=["keys"])


@router.get("/.well-known/jwks.json")
async def jwks(runtime: RuntimeDep, response: Response) -> dict[str, list[dict[str, str]]]:
    """The public keys of valid access tokens (the current key and recently retired ones)."""
    response.headers["Cache-Control"] = "public, max-age=60"
    return jwks_document(await runtime.keys.published())
