"""Soket analytics service."""
