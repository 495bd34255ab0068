"""Completion records as xAPI statements (pure)."""
