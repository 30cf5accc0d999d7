"""Benchmarks (``python -m bench`` or ``make bench``); never part of the test suite.

Each benchmark is a module ``bench/<name>.py`` with ``run() -> list[dict]`` (one dict per table row)
and optionally ``report(rows) -> str`` (the table as text). ``bench/__main__.py`` lists them by name.
"""
