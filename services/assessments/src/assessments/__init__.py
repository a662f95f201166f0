"""Soket assessments service."""
