from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

GroupName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class GroupCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: GroupName


class GroupRead(BaseModel):
    id: UUID
    name: str
    members: int
    created_at: datetime


class Members(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_ids: list[UUID] = Field(min_length=1, max_length=5000)
