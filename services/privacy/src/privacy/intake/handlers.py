from chassis.messaging.subscription import Subscription

discovery = Subscription(service="privacy", name="discovery")
