"""Compliance space, public verification, and the attendance pages: registered together."""

from flask import Flask


def register(app: Flask) -> None:
    """Register the attendance, compliance and verification blueprints."""
    from ..attendance.presence import bp as presence
    from ..attendance.views import bp as attendance
    from .quality import bp as quality
    from .verify import bp as verify
    from .views import bp as compliance

    for blueprint in (attendance, presence, quality, compliance, verify):
        app.register_blueprint(blueprint)
