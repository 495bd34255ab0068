"""Evaluations in the room and by link, role plays, and the session's attainment dashboard."""


def register_blueprints(app) -> None:
    """Attach the role-play and evaluation blueprints (called from web/app.py)."""
    from ..roleplay.views import bp as roleplay
    from .manager import bp as manager
    from .views import bp as evaluations

    app.register_blueprint(roleplay)
    app.register_blueprint(evaluations)
    app.register_blueprint(manager)
