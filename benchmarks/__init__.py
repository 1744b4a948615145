"""Benchmarks: a synthetic corpus generator, a Hugo baseline and a runner."""
