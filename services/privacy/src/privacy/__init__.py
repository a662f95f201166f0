"""Soket privacy service."""
