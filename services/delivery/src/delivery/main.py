from fastapi import FastAPI

from chassis.app import create_service_app
from delivery.settings import Settings


def create_app() -> FastAPI:
    return create_service_app(settings=Settings())
