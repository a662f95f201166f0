"""Soket delivery service."""
