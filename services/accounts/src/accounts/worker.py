from accounts.settings import Settings
from chassis.worker import run_worker


def main() -> None:
    run_worker(Settings())


if __name__ == "__main__":
    main()
