"""The ./soket command."""
