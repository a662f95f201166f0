"""The catalogue: every event type Soket publishes, mapped to the model of its data."""

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from contracts.base import EventData
from contracts.errors import UnknownEventTypeError
from contracts.events import accounts, assessments, delivery, privacy
from contracts.events.privacy_replies import reply_events
from contracts.vocabulary import DataService, Service

EVENT_TYPE_PATTERN: Final = re.compile(
    r"^(accounts|assessments|delivery|analytics|privacy)\.[a-z_]+\.[a-z_]+\.v[0-9]+$"
)
"""``<service>.<aggregate>.<event>.v<N>``: the type, which is also the routing key."""


def _merged(parts: Iterable[Mapping[str, type[EventData]]]) -> Mapping[str, type[EventData]]:
    catalogue: dict[str, type[EventData]] = {}
    for part in parts:
        for event_type, model in part.items():
            if event_type in catalogue:
                raise ValueError(f"{event_type} is registered twice")
            if not EVENT_TYPE_PATTERN.fullmatch(event_type):
                raise ValueError(f"{event_type} is not <service>.<aggregate>.<event>.v<N>")
            catalogue[event_type] = model
    return MappingProxyType(dict(sorted(catalogue.items())))


CATALOGUE: Final[Mapping[str, type[EventData]]] = _merged(
    [
        accounts.EVENTS,
        assessments.EVENTS,
        delivery.EVENTS,
        privacy.EVENTS,
        *(reply_events(service) for service in DataService),
    ]
)


_PRODUCERS: Final[Mapping[str, Service]] = MappingProxyType(
    {event_type: Service(event_type.split(".", 1)[0]) for event_type in CATALOGUE}
)
_TYPES_BY_MODEL: Final[Mapping[type[EventData], tuple[str, ...]]] = MappingProxyType(
    {
        model: tuple(
            event_type for event_type, registered in CATALOGUE.items() if registered is model
        )
        for model in set(CATALOGUE.values())
    }
)
"""Both derived once: every published event looks them up."""


def model_for(event_type: str) -> type[EventData]:
    """The model of an event type's data; ``UnknownEventTypeError`` if uncatalogued."""
    try:
        return CATALOGUE[event_type]
    except KeyError:
        raise UnknownEventTypeError(event_type) from None


def producer_of(event_type: str) -> Service:
    """The service that publishes an event type; ``UnknownEventTypeError`` if uncatalogued."""
    try:
        return _PRODUCERS[event_type]
    except KeyError:
        raise UnknownEventTypeError(event_type) from None


def event_types_of(producer: Service) -> list[str]:
    """Every catalogued type one service publishes, sorted."""
    return [event_type for event_type in CATALOGUE if producer_of(event_type) is producer]


def event_types_for(model: type[EventData]) -> list[str]:
    """Every type whose data is exactly this model (one, or one per producer)."""
    return list(_TYPES_BY_MODEL.get(model, ()))
