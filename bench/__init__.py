"""Kyodo's benchmarks: `make bench` (python -m bench) runs them and writes docs/benchmarks.md."""
