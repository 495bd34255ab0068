"""The app factory: ``create_app(config=None)``."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template

from . import content
from .catalogue import views as catalogue


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the Flask app from ``config``, else from the LEXOM_* environment variables."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from .config import load_config

    app.config.update(load_config(app.instance_path, config))
    content.init_app(app)
    register_blueprints(app)
    register_errorhandlers(app)
    return app


def register_blueprints(app: Flask) -> None:
    """Attach one blueprint per area."""
    app.register_blueprint(catalogue.bp)


def register_errorhandlers(app: Flask) -> None:
    """Render French error pages instead of Werkzeug's defaults."""

    def render_error(error):
        code = getattr(error, "code", 500)
        return render_template("error.html", code=code), code

    for code in (400, 403, 404, 405, 409, 410, 413, 422, 429, 500):
        app.register_error_handler(code, render_error)
