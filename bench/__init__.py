"""Benchmarks, each printed beside a raw baseline measured in the same run."""
