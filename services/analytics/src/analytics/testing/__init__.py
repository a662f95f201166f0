"""What analytics' tests and benchmark use: events delivered as the consumer does, a
scripted client."""
