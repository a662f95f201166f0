"""Soket accounts service."""
