from chassis.messaging.subscription import Subscription

breaches = Subscription(service="privacy", name="breaches", batch_linger_seconds=0.0)
