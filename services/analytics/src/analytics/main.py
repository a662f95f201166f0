from fastapi import FastAPI

from analytics.settings import Settings
from chassis.app import create_service_app


def create_app() -> FastAPI:
    return create_service_app(settings=Settings())
