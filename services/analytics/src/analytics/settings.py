from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "analytics"
    model_config = SettingsConfigDict(env_prefix="ANALYTICS_", extra="ignore")
