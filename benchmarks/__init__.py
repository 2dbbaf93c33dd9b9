"""Benchmarks: a synthetic graph generator and the store benchmark (scripts, not tests)."""
