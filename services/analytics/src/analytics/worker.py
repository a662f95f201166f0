from analytics.ingest.handlers import subscriptions
from analytics.privacy.participant import AnalyticsPrivacy
from analytics.settings import Settings
from analytics.subjects import handlers as subject_handlers  # noqa: F401 - registers on statistics
from chassis.privacy.participant import PrivacyParticipant
from chassis.worker import run_worker

__all__ = ["main", "privacy_participant", "subscriptions"]


def privacy_participant() -> PrivacyParticipant:
    """What this service answers of the privacy contract, on ``analytics.privacy``."""
    return AnalyticsPrivacy()


def main() -> None:
    run_worker(Settings(), subscriptions(), privacy=privacy_participant())


if __name__ == "__main__":
    main()
