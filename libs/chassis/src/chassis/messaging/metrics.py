"""Prometheus metrics of the outbox, the relay and the consumer."""

from prometheus_client import Counter, Gauge, Histogram

OUTBOX_PENDING = Gauge("soket_outbox_pending", "Outbox rows waiting to be published.", ["service"])
OUTBOX_OLDEST_PENDING_SECONDS = Gauge(
    "soket_outbox_oldest_pending_age_seconds",
    "Age of the oldest outbox row waiting to be published.",
    ["service"],
)
RELAY_PUBLISHED = Counter(
    "soket_relay_published_total",
    "Events the relay published and the broker confirmed.",
    ["service"],
)
RELAY_FAILED = Counter(
    "soket_relay_failed_total",
    "Publications that failed (broker away, nack, unroutable); the row is tried again.",
    ["service", "reason"],
)
CONSUMER_MESSAGES = Counter(
    "soket_consumer_messages_total",
    "Messages a consumer finished with, by outcome: handled, duplicate, retried, "
    "dead_lettered, dropped (about a person erased since).",
    ["queue", "event_type", "outcome"],
)
HANDLER_SECONDS = Histogram(
    "soket_consumer_handler_duration_seconds",
    "Time from receiving a message to committing its effect.",
    ["queue", "event_type"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
