"""Fixtures of the trainer tests: the access-rule world (tests/access.py)."""

from tests.access import world  # noqa: F401  (a fixture, shared)
