"""Access tokens: accounts signs them, every service verifies them locally."""
