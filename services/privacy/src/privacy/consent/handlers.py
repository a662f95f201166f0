from chassis.messaging.subscription import Subscription

consent = Subscription(service="privacy", name="consent", batch_linger_seconds=0.0)
