"""Benchmarks: ours against a naive baseline in the same run, printed as a table.

Run them from the repository root as modules (`make bench`, or `python -m bench.map`).
"""
