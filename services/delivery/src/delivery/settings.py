from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "delivery"
    model_config = SettingsConfigDict(env_prefix="DELIVERY_", extra="ignore")
