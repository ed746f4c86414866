"""Benchmarks of CONTRACT §1 (`make bench`, `make bench-quick`): see docs/performance.md."""
