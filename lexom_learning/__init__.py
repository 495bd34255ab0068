"""lexom_learning: learning content, quizzes, evaluations and attestations for training courses."""

__version__ = "0.1.0"


def create_app(config=None):
    """Create the Flask app (imported lazily so the pure core never pulls Flask in)."""
    from .web.app import create_app as _create_app

    return _create_app(config)
