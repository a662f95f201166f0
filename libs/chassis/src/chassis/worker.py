"""The worker process of a service: consumes the events it subscribes to."""

from chassis.process import run_connected_process
from chassis.settings import ServiceSettings


def run_worker(settings: ServiceSettings) -> None:
    run_connected_process(settings, process="worker")
