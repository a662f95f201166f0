from chassis.messaging.subscription import Subscription

replies = Subscription(service="privacy", name="replies")
