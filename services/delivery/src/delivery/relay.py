from chassis.relay import run_relay
from delivery.settings import Settings


def main() -> None:
    run_relay(Settings())


if __name__ == "__main__":
    main()
