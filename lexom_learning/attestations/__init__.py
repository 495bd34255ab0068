"""Attestation rules and documents' core logic (pure)."""
