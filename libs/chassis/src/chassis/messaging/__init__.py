"""Events between services: the outbox, the relay, the topology and the consumer."""
