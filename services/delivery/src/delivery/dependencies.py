"""What the API's routes take from the app: its settings and delivery's keys."""

from typing import Annotated

from fastapi import Depends, Request

from delivery.keys import DeliveryKeys
from delivery.settings import Settings


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _keys(request: Request) -> DeliveryKeys:
    keys: DeliveryKeys = request.app.state.keys
    return keys


SettingsDep = Annotated[Settings, Depends(_settings)]
KeysDep = Annotated[DeliveryKeys, Depends(_keys)]
