from analytics.settings import Settings
from chassis.relay import run_relay


def main() -> None:
    run_relay(Settings())


if __name__ == "__main__":
    main()
