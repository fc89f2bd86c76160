"""Benchmarks (docs/performance.md). Nothing here is imported by the application."""
