"""The relay process of a service: publishes its outbox to the broker."""

from chassis.process import run_connected_process
from chassis.settings import ServiceSettings


def run_relay(settings: ServiceSettings) -> None:
    run_connected_process(settings, process="relay")
