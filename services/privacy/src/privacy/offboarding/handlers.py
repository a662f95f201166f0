from chassis.messaging.subscription import Subscription

offboarding = Subscription(service="privacy", name="offboarding", batch_linger_seconds=0.0)
