"""Tools for testing processes that talk to real infrastructure."""
