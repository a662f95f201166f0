from chassis.worker import run_worker
from privacy.settings import Settings


def main() -> None:
    run_worker(Settings())


if __name__ == "__main__":
    main()
