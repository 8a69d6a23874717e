"""Benchmarks: each script takes data paths as arguments and prints a table of figures."""
