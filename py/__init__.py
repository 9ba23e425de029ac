"""Polyglot's Python side. A package so `python3 -m unittest discover -s py/tests -t .` can import the tests."""
