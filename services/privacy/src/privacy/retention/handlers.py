from chassis.messaging.subscription import Subscription

retention = Subscription(service="privacy", name="retention", batch_linger_seconds=0.0)
