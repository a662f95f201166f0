pytest_plugins = ["soket_cli.pytest_infrastructure"]
