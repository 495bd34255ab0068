"""Fixtures of the edge tests: the API world (two sessions, every caller)."""

from tests.api.conftest import world  # noqa: F401  (a fixture, shared)
