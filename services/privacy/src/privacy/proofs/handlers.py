from chassis.messaging.subscription import Subscription

keys = Subscription(service="privacy", name="keys")
