from typing import Annotated

from fastapi import Depends, Request

from assessments.clock import Clock
from assessments.keys import SubjectRefs
from assessments.settings import Settings


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.assessments_settings
    return settings


async def _subject_refs(request: Request) -> SubjectRefs:
    subject_refs: SubjectRefs = request.app.state.subject_refs
    return subject_refs


async def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


SettingsDep = Annotated[Settings, Depends(_settings)]
SubjectRefsDep = Annotated[SubjectRefs, Depends(_subject_refs)]
ClockDep = Annotated[Clock, Depends(_clock)]
