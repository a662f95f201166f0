"""Pieces shared by the API's request and response bodies."""

import zoneinfo
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints


class RequestBody(BaseModel):
    """A request body: unknown fields are refused (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid")


def known_time_zone(name: str) -> str:
    if name not in zoneinfo.available_timezones():
        raise ValueError("not a known IANA time zone, e.g. Europe/Tallinn")
    return name


TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(known_time_zone)]
PersonName = Annotated[str, StringConstraints(min_length=1, max_length=200)]
OrganisationName = Annotated[str, StringConstraints(min_length=1, max_length=200)]
LinkToken = Annotated[str, StringConstraints(min_length=20, max_length=100)]
